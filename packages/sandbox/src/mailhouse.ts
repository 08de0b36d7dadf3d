import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type MessageStore, providerId } from './store';

/** A print-and-post batch: who to send which letter to. */
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
        documentUrl: z.url().optional(),
      }),
    )
    .min(1),
});

/** The mail house: `POST /mailhouse/batches` with a Bearer key and a manifest; answers 201 with a batch id. */
export function mailhouseRouter(store: MessageStore): Router {
  const router = Router();
  router.post('/mailhouse/batches', (req: Request, res: Response) => {
    if (!/^Bearer\s+\S+/.test(req.get('authorization') ?? '')) {
      res.status(401).json({ error: 'unauthorized', message: 'A Bearer key is required.' });
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
    const id = providerId('MB', 24);
    store.add({
      id,
      provider: 'mailhouse',
      to: parsed.data.letters.map((l) => l.recipientRef),
      payload: parsed.data,
    });
    res.status(201).json({
      id,
      reference: parsed.data.reference,
      status: 'accepted',
      accepted: parsed.data.letters.length,
      postage: parsed.data.postage,
    });
  });
  return router;
}
