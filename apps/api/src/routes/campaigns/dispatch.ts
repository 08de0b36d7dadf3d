import { parseProviderConfig } from '@relance/channels/provider-config';
import { getCampaign } from '@relance/db/queries/campaigns';
import { reconcileUnknown, unknownSends } from '@relance/db/queries/dispatch-progress';
import { postalBatchFile } from '@relance/db/queries/postal-batches';
import { dispatchProgress } from '@relance/dispatch/progress';
import { requeueCampaign, requeuePending } from '@relance/dispatch/schedule';
import { AppError } from '@relance/domain/errors';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { ApiRegistry } from '../../http/registry';

const idParams = z.object({ id: z.uuid({ error: 'Not a campaign id' }) });
const batchParams = idParams.extend({ batchId: z.uuid({ error: 'Not a batch id' }) });
const countsAnswer = z.object({ total: z.number(), skippedBy: z.record(z.string(), z.number()) }).loose();
const progressAnswer = z
  .object({
    campaignId: z.string(),
    status: z.string(),
    totals: countsAnswer,
    phases: z.array(z.object({}).loose()),
    steps: z.array(
      z
        .object({
          id: z.string(),
          position: z.number(),
          channel: z.string(),
          counts: countsAnswer,
          waves: z.array(z.object({}).loose()),
        })
        .loose(),
    ),
    postalBatches: z.array(z.object({}).loose()),
  })
  .meta({ id: 'DispatchProgress' });
const unknownQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });
const reconcileBody = z.object({
  sendIds: z
    .array(z.number().int().positive(), { error: 'Give the ids of the sends to settle' })
    .min(1, { error: 'Give at least one send id' })
    .max(1000, { error: 'At most 1,000 sends at a time' }),
  outcome: z.enum(['sent', 'resend'], {
    error: 'Say what happened: sent (the provider has it) or resend (it never left)',
  }),
  providerId: z.string().trim().min(1).max(200).optional(),
});

/** What the providers are, from the API's environment: each channel live, in the sandbox, or off. */
export function providerModes(env: Record<string, unknown>) {
  const source = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === undefined || v === null ? undefined : String(v)]),
  );
  // the address the API answers on stands in for PUBLIC_URL, as for the tracked links
  source.PUBLIC_URL ??= `http://localhost:${source.PORT ?? 3000}`;
  const parsed = parseProviderConfig(source);
  if (!parsed.ok) return { sandbox: Boolean(source.SANDBOX_URL), channels: null, problems: parsed.problems };
  const c = parsed.config;
  const channels = {
    email: c.email.mode,
    sms: c.sms.mode,
    voice: c.voice.mode,
    postal: c.postal.mode,
    phone: 'live' as const,
  };
  return { sandbox: Object.values(channels).includes('sandbox'), channels, problems: [] as string[] };
}

/**
 * Sending, seen from the campaign page: live progress per step and wave, the sends in doubt and their
 * reconciliation, sending again what is pending (after Redis lost its jobs), and the postal batches' files.
 */
export function campaignDispatchRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;
  const find = async (id: string) => {
    const stored = await getCampaign(db, id);
    if (!stored) throw AppError.notFound('This campaign');
    return stored;
  };

  api.add(
    {
      method: 'get',
      path: '/api/dispatch/mode',
      summary: 'Whether the workspace sends for real or to the provider sandbox, per channel',
      tag: 'dispatch',
      access: 'authenticated',
      response: z
        .object({ sandbox: z.boolean(), channels: z.record(z.string(), z.string()).nullable() })
        .loose(),
    },
    async () => providerModes(deps.env),
  );

  api.add(
    {
      method: 'get',
      path: '/api/campaigns/:id/dispatch',
      summary:
        'Live sending progress: per step and wave, pending, sent, failed, unknown and skipped sends with their reasons; the phases and the test reading',
      tag: 'campaigns',
      access: 'campaigns:read',
      params: idParams,
      response: progressAnswer,
    },
    async ({ params }) => {
      const progress = await dispatchProgress(db, params.id);
      if (!progress) throw AppError.notFound('This campaign');
      return progress;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/campaigns/:id/sends/unknown',
      summary: 'Sends in doubt (the provider may have taken them): 200 at a time, after a send id',
      tag: 'campaigns',
      access: 'campaigns:read',
      params: idParams,
      query: unknownQuery,
      response: z.object({ items: z.array(z.object({}).loose()), next: z.number().nullable() }),
    },
    async ({ params, query }) => {
      const stored = await find(params.id);
      const items = await unknownSends(
        db,
        stored.steps.map((s) => s.id),
        query.after,
      );
      return { items, next: items.length === 200 ? items.at(-1)!.id : null };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/campaigns/:id/sends/reconcile',
      summary:
        'Settle sends in doubt: sent (the provider shows them) or resend (they never left: sent again, once)',
      tag: 'campaigns',
      access: 'campaigns:write',
      params: idParams,
      body: reconcileBody,
      response: z.object({ settled: z.number(), requeued: z.number() }),
    },
    async ({ params, body }) => {
      const stored = await find(params.id);
      const settled = await reconcileUnknown(
        db,
        stored.steps.map((s) => s.id),
        body.sendIds,
        body.outcome,
        body.providerId,
      );
      const requeued =
        body.outcome === 'resend' && settled.length > 0
          ? await requeuePending({ db, queues: deps.queues }, params.id, `r${Date.now()}`)
          : 0;
      return { settled: settled.length, requeued };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/campaigns/:id/dispatch/requeue',
      summary:
        'Queue again everything the campaign still needs (phases to write, later steps, the test end, pending sends), after Redis lost its jobs; each send is still claimed once',
      tag: 'campaigns',
      access: 'campaigns:write',
      params: idParams,
      response: z.object({ requeued: z.number() }),
    },
    async ({ params }) => {
      const { campaign } = await find(params.id);
      return { requeued: await requeueCampaign({ db, queues: deps.queues }, campaign, `m${Date.now()}`) };
    },
  );

  const download = (file: 'pdf' | 'manifest') =>
    api.add(
      {
        method: 'get',
        path: `/api/campaigns/:id/postal-batches/:batchId/${file === 'pdf' ? 'letters.pdf' : 'manifest.csv'}`,
        summary:
          file === 'pdf'
            ? 'A postal batch’s print-ready PDF (one page per letter)'
            : 'A postal batch’s CSV manifest for the mail house',
        tag: 'campaigns',
        access: 'campaigns:read',
        params: batchParams,
        response: {
          contentType: file === 'pdf' ? 'application/pdf' : 'text/csv',
          description: file === 'pdf' ? 'the letters' : 'the manifest',
        },
      },
      async ({ params, res }) => {
        const found = await postalBatchFile(db, params.id, params.batchId, file);
        if (!found) throw AppError.notFound('This postal batch');
        const name = `${found.reference}-${params.batchId.slice(0, 8)}.${file === 'pdf' ? 'pdf' : 'csv'}`;
        res
          .status(200)
          .type(file === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8')
          .setHeader('Content-Disposition', `attachment; filename="${name}"`);
        res.end(found.content);
      },
    );
  download('pdf');
  download('manifest');
}
