import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTrackingCode } from '@relance/domain/tracking-code';
import type { LinkEntry, LinkResolver } from './link-resolver';
import { notFoundPage, type PageLanguage, tooManyPage } from './pages';

/** The 1×1 transparent GIF of the open pixel (43 bytes). */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
export const NO_STORE = 'no-store, no-cache, must-revalidate, private, max-age=0';
/** what helmet would say that matters for a redirect or an image: no sniffing, no code in a Referer */
export const LINK_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
export const PAGE_HEADERS = {
  ...LINK_HEADERS,
  'Content-Security-Policy':
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
};
const PIXEL_HEADERS = [
  'Content-Type',
  'image/gif',
  'Content-Length',
  String(PIXEL.length),
  'Cache-Control',
  NO_STORE,
  'Pragma',
  'no-cache',
  'Expires',
  '0',
  // webmail pages of another origin show the image
  'Cross-Origin-Resource-Policy',
  'cross-origin',
  'X-Content-Type-Options',
  'nosniff',
  'Referrer-Policy',
  'no-referrer',
];

/** Express's compiled 'trust proxy' setting (`app.get('trust proxy fn')`). */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The client's address as Express's `req.ip` works it out (proxy-addr): the socket's peer, then each
 * X-Forwarded-For hop from the right while the previous one is a trusted proxy.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  let address = req.socket.remoteAddress ?? '';
  // node joins repeated X-Forwarded-For headers with ', ' (a string at run time)
  const forwarded = req.headers['x-forwarded-for'] as string | undefined;
  if (!forwarded || !trust(address, 0)) return address;
  const hops = forwarded.split(',');
  for (let i = hops.length - 1, hop = 1; i >= 0; i--, hop++) {
    address = hops[i]!.trim();
    if (!trust(address, hop)) break;
  }
  return address;
}

/** French or English from Accept-Language (q-values honoured, language ranges by their primary tag); French by default. */
export function pageLanguage(header: string | undefined): PageLanguage {
  if (!header) return 'fr';
  let best: PageLanguage = 'fr';
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const primary = range.trim().split('-')[0]!.toLowerCase();
    const lang: PageLanguage | null =
      primary === 'en' ? 'en' : primary === 'fr' || primary === '*' ? 'fr' : null;
    if (!lang) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'q') q = Number(v);
    }
    if (q > bestQ) {
      best = lang;
      bestQ = q;
    }
  }
  return best;
}

function page(res: ServerResponse, status: number, html: string, extra?: Record<string, string>) {
  res.writeHead(status, {
    ...PAGE_HEADERS,
    'Cache-Control': NO_STORE,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    ...extra,
  });
  res.end(html);
}

/**
 * `GET /r/{code}` (tracked link, 302) and `GET /o/{code}.gif` (open pixel) answered by a bare `node:http`
 * 'request' listener in front of Express: no router, no middleware, one `writeHead` + `end`. A code in memory is
 * answered synchronously; a miss waits for the batched query. Returns false for any other request (Express's).
 * Same behaviour as the Express routes they replaced: rate-limited addresses get 429 with Retry-After, unknown or
 * malformed codes the friendly 404 page counted against the address, robots and HEAD are not recorded.
 */
export function fastLinks(resolver: LinkResolver, trust: TrustProxy) {
  const { limiter } = resolver;

  const refuse = (req: IncomingMessage, res: ServerResponse, seconds: number) =>
    page(res, 429, tooManyPage(pageLanguage(req.headers['accept-language']), seconds), {
      'Retry-After': String(seconds),
    });

  const wrong = async (req: IncomingMessage, res: ServerResponse) => {
    const wait = await limiter.wrong(clientAddress(req, trust) || 'unknown');
    if (wait > 0) refuse(req, res, wait);
    else page(res, 404, notFoundPage(pageLanguage(req.headers['accept-language'])));
  };

  const write = (res: ServerResponse, pixel: boolean, code: string, link: LinkEntry) => {
    if (pixel) {
      res.writeHead(200, PIXEL_HEADERS);
      res.end(PIXEL);
    } else {
      res.writeHead(302, [
        'Location',
        link.target.location ?? `/l/${code}`,
        'Content-Length',
        '0',
        'Cache-Control',
        NO_STORE,
        'X-Content-Type-Options',
        'nosniff',
        'Referrer-Policy',
        'no-referrer',
      ]);
      res.end();
    }
  };

  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    pixel: boolean,
    code: string,
    link: LinkEntry,
  ) => {
    resolver.record(
      req.method,
      req.headers['user-agent'],
      link.sendId,
      pixel ? 'opened' : 'clicked',
      pixel ? 'pixel' : 'link',
    );
    // clicks coming faster than the database writes them: the answer waits for room
    const room = resolver.room();
    if (room === undefined) write(res, pixel, code, link);
    else void room.then(() => write(res, pixel, code, link));
  };

  const miss = async (req: IncomingMessage, res: ServerResponse, pixel: boolean, raw: string) => {
    try {
      const parsed = parseTrackingCode(raw);
      if (!parsed.ok) return await wrong(req, res);
      const link = resolver.cached(parsed.code) ?? (await resolver.load(parsed.code));
      if (!link) return await wrong(req, res);
      answer(req, res, pixel, parsed.code, link);
    } catch (err) {
      console.error(`[api] tracking link: ${err instanceof Error ? err.message : err}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': NO_STORE });
        res.end('Server error: try again in a moment.');
      }
    }
  };

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url;
    // '/r/' or '/o/', GET or HEAD (HEAD answers the same without recording)
    if (url === undefined || url.charCodeAt(0) !== 47 || url.charCodeAt(2) !== 47) return false;
    const kind = url.charCodeAt(1);
    if (kind !== 114 && kind !== 111) return false; // 'r', 'o'
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const query = url.indexOf('?', 3);
    let raw = query === -1 ? url.slice(3) : url.slice(3, query);
    if (raw.endsWith('/')) raw = raw.slice(0, -1);
    if (raw === '' || raw.includes('/')) return false;
    if (raw.includes('%')) {
      try {
        raw = decodeURIComponent(raw);
      } catch {
        raw = '';
      }
    }
    const pixel = kind === 111;
    if (pixel) raw = raw.length > 4 && raw.slice(-4).toLowerCase() === '.gif' ? raw.slice(0, -4) : '';

    if (limiter.anyBlocked()) {
      const wait = limiter.retryAfter(clientAddress(req, trust) || 'unknown');
      if (wait > 0) {
        refuse(req, res, wait);
        return true;
      }
    }
    // the hot path: a compact upper-case code already in memory, no promise
    const link = raw.length === 10 ? resolver.cached(raw) : undefined;
    if (link) answer(req, res, pixel, raw, link);
    else void miss(req, res, pixel, raw);
    return true;
  };
}
