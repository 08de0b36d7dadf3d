import type { Request, Response } from 'express';

interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  createdAt: Date;
}

/**
 * Answers a stored file: its own Content-Type, cached for a year (a file never changes under its id: a new
 * recording is a new id), 304 to a matching If-None-Match, and one byte range (browsers' <audio> seeks with
 * them; Twilio fetches the whole file).
 */
export function sendStoredFile(req: Request, res: Response, file: StoredFile): void {
  const size = file.bytes.length;
  const etag = `"${file.id}"`;
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', file.createdAt.toUTCString());
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  // unguessable, not secret-proof: keep it out of search engines all the same
  res.setHeader('X-Robots-Tag', 'noindex');
  // the web app (same origin) and the provider (no CORS) fetch it; no page elsewhere needs to
  res.setHeader('Cross-Origin-Resource-Policy', 'same-site');

  if (
    req
      .get('if-none-match')
      ?.split(',')
      .some((tag) => tag.trim() === etag)
  ) {
    res.status(304).end();
    return;
  }
  const range = parseRange(req.get('range'), size);
  if (range === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${size}`).end();
    return;
  }
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
    res.end(file.bytes.subarray(range.start, range.end + 1));
    return;
  }
  res.status(200);
  res.setHeader('Content-Length', String(size));
  res.end(file.bytes);
}

/** A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range; null (the whole file) for anything else. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    // the last n bytes
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
