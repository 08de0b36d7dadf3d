import { randomUUID } from 'node:crypto';
import { applySendEvents, type SendEventInput } from '@relance/db/queries/send-events-apply';
import { hostedLandingByCode, trackedLinksByCodes } from '@relance/db/queries/tracked-links';
import { campaignUtmName, landingUrlFor, userAgentClass, withUtm } from '@relance/domain/tracking/landing';
import { parseTrackingCode } from '@relance/domain/tracking-code';
import type { Channel } from '@relance/domain/vocabulary';
import express, { type Request, type Response, Router } from 'express';
import type { AppDeps } from '../deps';
import { createBatchLoader } from './batch-loader';
import { EventBuffer } from './event-buffer';
import { createGuessLimiter } from './guess-limiter';
import { LruCache } from './link-cache';
import { landingPage, notFoundPage, type PageLanguage, tooManyPage, unsubscribePage } from './pages';

/** What a known code answers, cached per code: its send and where its link leads. */
interface LinkEntry {
  sendId: number;
  channel: Channel;
  /** the landing page with UTM parameters, or the hosted page `/l/{code}` */
  location: string;
}

/** The 1×1 transparent GIF of the open pixel (43 bytes). */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const NO_STORE = 'no-store, no-cache, must-revalidate, private, max-age=0';
/** what helmet would say that matters for a redirect or an image: no sniffing, no code in a Referer */
const LINK_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
const PAGE_HEADERS = {
  ...LINK_HEADERS,
  'Content-Security-Policy':
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
};

export interface TrackingRoutes {
  /** `/r/` and `/o/`: the hot paths, mounted before everything else (no HTML, so no CSP to apply) */
  links: Router;
  /** the HTML pages `/l/` and `/unsubscribe/`, mounted after helmet (its CSP applies) */
  pages: Router;
  /** writes the clicks and opens still waiting (the API's shutdown) */
  close: () => Promise<void>;
}

/**
 * The public routes a recipient reaches from a message, outside /api and without a session (docs/api.md,
 * README "Tracked links, landing pages and unsubscribe"): `/r/{code}` (tracked link), `/o/{code}.gif` (open
 * pixel), `/l/{code}` (hosted landing page), `/unsubscribe/{code}` (page and RFC 8058 one-click POST).
 */
export function trackingRoutes(deps: AppDeps): TrackingRoutes {
  const db = deps.database.db;
  const env = deps.env;
  const cache = new LruCache<LinkEntry>(env.TRACKING_LINK_CACHE, 5 * 60_000);
  const limiter = createGuessLimiter(deps.redis, env.QUEUE_PREFIX, env.TRACKING_GUESS_LIMIT);
  // cache misses arriving together share one query
  const loadLink = createBatchLoader((codes) => trackedLinksByCodes(db, codes));
  const buffer = new EventBuffer((events) => applySendEvents(db, events));
  const links = Router();
  const pages = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  // the sends of a step and variant lead to the same landing URL: one string in memory for all their entries
  const locations = new Map<string, string>();
  const shared = (location: string): string => {
    const known = locations.get(location);
    if (known !== undefined) return known;
    if (locations.size > 10_000) locations.clear();
    locations.set(location, location);
    return location;
  };

  const language = (req: Request): PageLanguage => (req.acceptsLanguages('fr', 'en') || 'fr') as PageLanguage;

  const page = (res: Response, status: number, html: string) => {
    // the pages answered on /r/ and /o/ come before helmet: the same kind of policy, strict (no script at all)
    if (!res.getHeader('Content-Security-Policy')) res.set(PAGE_HEADERS);
    res.status(status).set('Cache-Control', NO_STORE).type('html').send(html);
  };

  const refuse = (req: Request, res: Response, seconds: number) => {
    res.set('Retry-After', String(seconds));
    page(res, 429, tooManyPage(language(req), seconds));
  };

  /** an unknown or malformed code: a friendly 404 that says nothing about codes, counted against the address */
  const wrong = async (req: Request, res: Response) => {
    const wait = await limiter.wrong(req.ip ?? 'unknown');
    if (wait > 0) refuse(req, res, wait);
    else page(res, 404, notFoundPage(language(req)));
  };

  /** The send of the code in the URL (any case, with a dash or not), or null once the answer is sent. */
  const lookup = async (
    req: Request,
    res: Response,
    raw: string,
  ): Promise<{ code: string; link: LinkEntry } | null> => {
    const wait = limiter.retryAfter(req.ip ?? 'unknown');
    if (wait > 0) {
      refuse(req, res, wait);
      return null;
    }
    const parsed = parseTrackingCode(raw);
    if (!parsed.ok) {
      await wrong(req, res);
      return null;
    }
    const code = parsed.code;
    let link = cache.get(code);
    if (!link) {
      const found = await loadLink(code);
      if (!found) {
        await wrong(req, res);
        return null;
      }
      const landing = landingUrlFor(found.landing);
      link = {
        sendId: found.sendId,
        channel: found.channel,
        location: landing
          ? shared(
              withUtm(landing, {
                source: env.TRACKING_UTM_SOURCE,
                medium: found.channel,
                campaign: campaignUtmName(found.campaignName, found.campaignId),
                content: found.variant,
              }),
            )
          : `/l/${code}`,
      };
      cache.set(code, link);
    }
    return { code, link };
  };

  /** a click or an open, unless a machine declared itself (link scanners, previews) or only asked for headers */
  const record = (req: Request, sendId: number, kind: 'clicked' | 'opened', source: 'link' | 'pixel') => {
    if (req.method !== 'GET') return;
    const client = userAgentClass(req.get('user-agent'));
    if (client === 'bot') return;
    buffer.add({ sendId, kind, source, sourceId: randomUUID(), occurredAt: new Date(), detail: { client } });
  };

  const param = (req: Request, name: string) => String(req.params[name] ?? '');

  links.get('/r/:code', async (req, res) => {
    const found = await lookup(req, res, param(req, 'code'));
    if (!found) return;
    record(req, found.link.sendId, 'clicked', 'link');
    res.writeHead(302, { Location: found.link.location, 'Cache-Control': NO_STORE, ...LINK_HEADERS }).end();
  });

  links.get('/o/:file', async (req, res) => {
    const file = param(req, 'file');
    const found = await lookup(req, res, file.toLowerCase().endsWith('.gif') ? file.slice(0, -4) : '');
    if (!found) return;
    record(req, found.link.sendId, 'opened', 'pixel');
    res
      .status(200)
      .set({
        'Content-Type': 'image/gif',
        'Cache-Control': NO_STORE,
        Pragma: 'no-cache',
        Expires: '0',
        // webmail pages of another origin show the image
        'Cross-Origin-Resource-Policy': 'cross-origin',
        ...LINK_HEADERS,
      })
      .end(PIXEL);
  });

  pages.get('/l/:code', async (req, res) => {
    const found = await lookup(req, res, param(req, 'code'));
    if (!found) return;
    const view = await hostedLandingByCode(db, found.code);
    if (!view) return wrong(req, res);
    page(res, 200, landingPage(language(req), { code: found.code, ...view }));
  });

  // "I'm interested": a response, once per send however often it is pressed; then the page says thank you
  pages.post('/l/:code', form, async (req, res) => {
    const found = await lookup(req, res, param(req, 'code'));
    if (!found) return;
    const event: SendEventInput = {
      sendId: found.link.sendId,
      kind: 'responded',
      source: 'link',
      sourceId: `landing:${found.link.sendId}`,
      detail: { client: userAgentClass(req.get('user-agent')), page: 'hosted' },
    };
    await applySendEvents(db, [event]);
    res.redirect(303, `/l/${found.code}`);
  });

  // a page with a button: a GET never unsubscribes (link scanners and previews follow links)
  pages.get('/unsubscribe/:code', async (req, res) => {
    const found = await lookup(req, res, param(req, 'code'));
    if (!found) return;
    page(res, 200, unsubscribePage(language(req), { code: found.code, done: false }));
  });

  // RFC 8058 one-click (a mailbox provider POSTs List-Unsubscribe=One-Click, without cookies) and the page's
  // button: any POST unsubscribes, once per send (the source id is the send: a second one changes nothing)
  pages.post('/unsubscribe/:code', form, async (req, res) => {
    const found = await lookup(req, res, param(req, 'code'));
    if (!found) return;
    await applySendEvents(db, [
      {
        sendId: found.link.sendId,
        kind: 'unsubscribed',
        source: 'unsubscribe',
        sourceId: String(found.link.sendId),
        detail: { oneClick: req.body?.['List-Unsubscribe'] === 'One-Click' },
      },
    ]);
    page(res, 200, unsubscribePage(language(req), { code: found.code, done: true }));
  });

  return { links, pages, close: () => buffer.close() };
}
