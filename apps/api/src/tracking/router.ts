import type { IncomingMessage, ServerResponse } from 'node:http';
import { applySendEvents, type SendEventInput } from '@relance/db/queries/send-events-apply';
import { hostedLandingByCode } from '@relance/db/queries/tracked-links';
import { parseTrackingCode } from '@relance/domain/tracking-code';
import express, { type Request, type Response, Router } from 'express';
import type { AppDeps } from '../deps';
import { fastLinks, NO_STORE, PAGE_HEADERS, type TrustProxy } from './fast-links';
import { createLinkResolver, type LinkEntry } from './link-resolver';
import { landingPage, notFoundPage, type PageLanguage, tooManyPage, unsubscribePage } from './pages';

export interface TrackingRoutes {
  /**
   * `/r/` and `/o/`, the hot paths: a bare `node:http` listener placed before Express (apps/api/src/server.ts);
   * answers true when it took the request (fast-links.ts)
   */
  links: (req: IncomingMessage, res: ServerResponse) => boolean;
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
export function trackingRoutes(deps: AppDeps, trustProxy: TrustProxy): TrackingRoutes {
  const db = deps.database.db;
  const resolver = createLinkResolver(deps);
  const { limiter } = resolver;
  const pages = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  const language = (req: Request): PageLanguage => (req.acceptsLanguages('fr', 'en') || 'fr') as PageLanguage;

  const page = (res: Response, status: number, html: string) => {
    // helmet's policy applies to these pages; the strict one of fast-links.ts if it is missing
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
    const link = resolver.cached(code) ?? (await resolver.load(code));
    if (!link) {
      await wrong(req, res);
      return null;
    }
    return { code, link };
  };

  const param = (req: Request, name: string) => String(req.params[name] ?? '');

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
      detail: { client: resolver.clientOf(req.get('user-agent')), page: 'hosted' },
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

  return { links: fastLinks(resolver, trustProxy), pages, close: resolver.close };
}
