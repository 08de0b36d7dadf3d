import { createHash } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from './context';
import { providerId } from './store';

/** A print-and-post batch: who to send which letter to, and the print-ready PDF with one page per letter. */
export const batchManifestSchema = z.object({
  reference: z.string().min(1),
  postage: z.enum(['lettre-verte', 'lettre-prioritaire', 'ecopli', 'recommandee']).default('lettre-verte'),
  letters: z
    .array(
      z.object({
        recipientRef: z.string().min(1),
        address: z.object({
          name: z.string().min(1),
          line1: z.string().min(1),
          line2: z.string().optional(),
          postalCode: z.string().min(1),
          city: z.string().min(1),
          country: z.string().length(2).default('FR'),
        }),
        /** the letter's first page in `document` (1-based) */
        page: z.number().int().min(1).optional(),
        documentUrl: z.url().optional(),
      }),
    )
    .min(1),
  /** the print-ready PDF of the whole batch, base64 */
  document: z
    .object({
      contentType: z.literal('application/pdf'),
      base64: z.string().min(1),
      pages: z.number().int().min(1),
    })
    .optional(),
});

interface Remembered {
  fingerprint: string;
  status: number;
  body: unknown;
}

/**
 * The mail house: `POST /mailhouse/batches` with a Bearer key and a manifest; answers 201 with a batch id.
 * An `Idempotency-Key` makes a retried request safe: the same key and body answer the first answer again
 * (nothing printed twice); the same key with another body is refused (409).
 */
export function mailhouseRouter(ctx: SandboxContext): Router {
  const router = Router();
  const remembered = new Map<string, Remembered>();
  router.post('/mailhouse/batches', (req: Request, res: Response) => {
    if (!/^Bearer\s+\S+/.test(req.get('authorization') ?? '')) {
      res.status(401).json({ error: 'unauthorized', message: 'A Bearer key is required.' });
      return;
    }
    const key = req.get('idempotency-key');
    // the order is what must match; the PDF's bytes differ from one rendering to the next (its dates)
    const { document: doc, ...order } = (req.body ?? {}) as { document?: { pages?: unknown } };
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ ...order, pages: doc?.pages ?? null }))
      .digest('hex');
    const earlier = key ? remembered.get(key) : undefined;
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        res.status(409).json({
          error: 'idempotency_key_reused',
          message: 'This Idempotency-Key was used with another request body.',
        });
        return;
      }
      res.status(earlier.status).set('Idempotent-Replayed', 'true').json(earlier.body);
      return;
    }
    const parsed = batchManifestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid_manifest',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    const { document, letters } = parsed.data;
    if (
      document &&
      !Buffer.from(document.base64.slice(0, 8), 'base64').toString('latin1').startsWith('%PDF')
    ) {
      res
        .status(400)
        .json({ error: 'invalid_document', issues: [{ path: 'document', message: 'Not a PDF.' }] });
      return;
    }
    const outside = document ? letters.findIndex((l) => l.page !== undefined && l.page > document.pages) : -1;
    if (outside >= 0) {
      res.status(400).json({
        error: 'invalid_manifest',
        issues: [{ path: `letters.${outside}.page`, message: 'The page is beyond the document.' }],
      });
      return;
    }
    const id = providerId('MB', 24);
    ctx.store.add({
      id,
      provider: 'mailhouse',
      to: letters.map((l) => l.recipientRef),
      // the PDF itself is not kept: its size and digest say what was received
      payload: {
        ...parsed.data,
        document: document && {
          contentType: document.contentType,
          pages: document.pages,
          bytes: Buffer.byteLength(document.base64, 'base64'),
          sha256: createHash('sha256').update(Buffer.from(document.base64, 'base64')).digest('hex'),
        },
        idempotencyKey: key ?? null,
      },
    });
    const body = {
      id,
      reference: parsed.data.reference,
      status: 'accepted',
      accepted: letters.length,
      postage: parsed.data.postage,
    };
    if (key) {
      remembered.set(key, { fingerprint, status: 201, body });
      if (remembered.size > 10_000) remembered.delete(remembered.keys().next().value!);
    }
    res.status(201).json(body);
  });
  return router;
}
