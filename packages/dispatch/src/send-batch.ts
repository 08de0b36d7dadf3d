import { mapLimit } from '@relance/channels/concurrency';
import type { SendResult } from '@relance/channels/result';
import type { Db } from '@relance/db/client';
import { type PhoneStepTask, recordPhoneStepTasks } from '@relance/db/queries/callback-tasks';
import { getCampaign } from '@relance/db/queries/campaigns';
import {
  type ClaimedSend,
  claimSends,
  markFailed,
  markHanded,
  markSent,
  markUnknown,
  recoverAbandonedClaims,
  releaseForRetry,
  SENDING_STATUSES,
} from '@relance/db/queries/dispatch-claims';
import { getWave } from '@relance/db/queries/dispatch-phases';
import { campaigns } from '@relance/db/schema';
import { stepWindow } from '@relance/domain/dispatch/phase-plan';
import { MAX_SEND_ATTEMPTS, retryDelayMs } from '@relance/domain/dispatch/retry';
import { effectiveStep } from '@relance/domain/dispatch/variant-step';
import { isOpen, nextOpening } from '@relance/domain/planning/send-window';
import type { Channel } from '@relance/domain/vocabulary';
import { eq } from 'drizzle-orm';
import type { ContentCache, PreparedContent } from './content-cache';
import { type ChannelSender, type ChannelSenders, type SendContext, waveContext } from './outgoing';
import type { RateLimiter } from './rate-limiter';

/** Everything a worker process needs to send batches; built once at start. */
export interface DispatchRuntime {
  db: Db;
  senders: ChannelSenders;
  content: ContentCache;
  limiter: RateLimiter;
  publicUrl: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** the longest a batch waits for its provider's pace before deferring the rest to a delayed job */
  maxPaceWaitMs?: number;
  /** the wait before another attempt (tests shorten it); retry.ts's backoff by default */
  retryDelay?: (attempts: number, retryAfterMs?: number) => number;
  /** true once the worker is shutting down: a batch hands its rest back (re-enqueued at once) and ends */
  stopping?: () => boolean;
}

export interface BatchInput {
  /** the BullMQ job's id: the claims' tokens start with it, so that a re-run recognises its own dead claims */
  jobId: string;
  token: string;
  campaignId: string;
  waveId: string;
  sendIds: readonly number[];
}

export interface BatchReport {
  sent: number;
  skipped: number;
  failed: number;
  unknown: number;
  /** rows released for another attempt, with the wait before it */
  retries: { sendIds: number[]; delayMs: number; attempt: number }[];
  /** the rest of the batch, to go later: the send window closed, or the provider's pace is far ahead */
  deferred: { sendIds: number[]; delayMs: number; reason: 'window' | 'pace' | 'shutdown' } | null;
  /** the campaign stopped sending (paused, cancelled, completed): the rest stays pending or was cancelled */
  stopped: string | null;
  /** claims of an earlier run of this job that died: released, or made unknown */
  recovered: { released: number; unknown: number };
}

/** Sends claimed at once: a provider request's worth (email: SendGrid's 1,000), or a few single calls. */
const CLAIM_SIZE: Record<Channel, number> = { email: 1000, postal: 500, phone: 500, sms: 20, voice: 10 };
const SINGLE_CALL_CONCURRENCY = 8;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function campaignStatus(db: Db, campaignId: string): Promise<string | null> {
  const [row] = await db
    .select({ status: campaigns.status })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  return row?.status ?? null;
}

/**
 * Sends one batch of a wave. Before each claim: the wave's send window (closed: the rest is deferred to its next
 * opening) and the provider's pace. Each claim re-checks the campaign's status, consent, suppression and address
 * in PostgreSQL; the provider's answer per send is recorded at once, set-based: sent with its id, released for a
 * retry with backoff (or failed after the last attempt), failed for good with the address suppressed, or
 * unknown (never resent blindly). What to enqueue next (retries, the deferred rest) is the caller's.
 */
export async function processSendBatch(rt: DispatchRuntime, input: BatchInput): Promise<BatchReport> {
  const now = rt.now ?? (() => new Date());
  const sleep = rt.sleep ?? wait;
  const report: BatchReport = {
    sent: 0,
    skipped: 0,
    failed: 0,
    unknown: 0,
    retries: [],
    deferred: null,
    stopped: null,
    recovered: await recoverAbandonedClaims(rt.db, input.sendIds, input.jobId, input.token),
  };
  const wave = await getWave(rt.db, input.waveId);
  const stored = await getCampaign(rt.db, input.campaignId);
  if (!wave || !stored) {
    report.stopped = 'deleted';
    return report;
  }
  const index = stored.steps.findIndex((s) => s.id === wave.stepId);
  const step = stored.plan.steps[index]!;
  const eff = effectiveStep(step, wave.variant, stored.plan.offer);
  const window = stepWindow(step, wave.channel);
  const sender = rt.senders[wave.channel];
  if (!sender) throw new Error(`No ${wave.channel} provider is configured: the ${wave.channel} sends wait.`);
  const content = await rt.content.get(
    { stepId: wave.stepId, variant: wave.variant },
    wave.channel,
    eff.content,
  );
  const ctx: SendContext = {
    publicUrl: rt.publicUrl,
    ...waveContext(stored, index, wave.variant, eff.offer),
  };
  const claimOptions = {
    campaignId: input.campaignId,
    channel: wave.channel,
    token: input.token,
    handed: sender.perCall > 1,
    excludeResponders: step.target.type === 'non_responders',
    fields: content.fields,
  };
  const maxPaceWait = rt.maxPaceWaitMs ?? 20_000;
  const ids = [...input.sendIds];
  for (let i = 0; i < ids.length; ) {
    if (i > 0 && rt.stopping?.()) {
      report.deferred = { sendIds: ids.slice(i), delayMs: 0, reason: 'shutdown' };
      break;
    }
    const at = now();
    if (!isOpen(window, at)) {
      const opening = nextOpening(window, at);
      report.deferred = {
        sendIds: ids.slice(i),
        delayMs: opening.getTime() - at.getTime(),
        reason: 'window',
      };
      break;
    }
    const chunk = ids.slice(i, i + CLAIM_SIZE[wave.channel]);
    if (sender.perCall > 1) {
      const pace = await rt.limiter.reserve(sender.provider, chunk.length, maxPaceWait);
      if (!pace.ok) {
        report.deferred = { sendIds: ids.slice(i), delayMs: pace.waitMs, reason: 'pace' };
        break;
      }
      if (pace.waitMs > 0) await sleep(pace.waitMs);
    }
    const claim = await claimSends(rt.db, chunk, claimOptions);
    report.skipped += claim.skipped.length;
    if (claim.claimed.length + claim.skipped.length < chunk.length) {
      // rows already claimed or done (a duplicate job, another worker), or the campaign stopped: which one?
      const status = await campaignStatus(rt.db, input.campaignId);
      if (!status || !(SENDING_STATUSES as readonly string[]).includes(status))
        report.stopped = status ?? 'deleted';
    }
    if (claim.claimed.length > 0) {
      const left = await sendClaimed(
        rt,
        sender,
        claim.claimed,
        content,
        ctx,
        input.token,
        maxPaceWait,
        sleep,
      );
      report.sent += left.sentNow;
      await settle(rt, sender, input.token, left.results, claim.claimed, report);
      if (left.unsent.length > 0) {
        // the pace ran far ahead mid-chunk: the claimed sends not yet handed go back, and wait with the rest
        await releaseForRetry(rt.db, input.token, left.unsent, 'waiting for the provider’s pace');
        report.deferred = {
          sendIds: [...left.unsent, ...ids.slice(i + chunk.length)],
          delayMs: left.waitMs,
          reason: 'pace',
        };
        break;
      }
    }
    if (report.stopped) break;
    i += chunk.length;
  }
  return report;
}

/**
 * Hands claimed sends to the provider. A batch provider gets them in one call (they were marked handed by the
 * claim); a provider without batches gets one call per send, each paced and marked handed just before it, so
 * that a crash leaves as `unknown` only the calls really in flight.
 */
async function sendClaimed(
  rt: DispatchRuntime,
  sender: ChannelSender,
  claimed: ClaimedSend[],
  content: PreparedContent,
  ctx: SendContext,
  token: string,
  maxPaceWait: number,
  sleep: (ms: number) => Promise<void>,
): Promise<{ results: SendResult[]; unsent: number[]; waitMs: number; sentNow: number }> {
  if (sender.perCall > 1) {
    try {
      return { results: await sender.send(claimed, content, ctx), unsent: [], waitMs: 0, sentNow: 0 };
    } catch (err) {
      // an adapter that throws (instead of answering a result) may have sent some: never resend blindly
      const reason = `the ${sender.provider} call failed: ${err instanceof Error ? err.message : String(err)}`;
      return {
        results: claimed.map((s) => ({ kind: 'unknown', sendId: String(s.id), reason })),
        unsent: [],
        waitMs: 0,
        sentNow: 0,
      };
    }
  }
  const results: SendResult[] = [];
  const unsent: number[] = [];
  let refusedWait = 0;
  let sentNow = 0;
  await mapLimit(claimed, SINGLE_CALL_CONCURRENCY, async (send) => {
    if (refusedWait > 0) {
      unsent.push(send.id);
      return;
    }
    const pace = await rt.limiter.reserve(sender.provider, 1, maxPaceWait);
    if (!pace.ok) {
      refusedWait = Math.max(refusedWait, pace.waitMs);
      unsent.push(send.id);
      return;
    }
    // marked handed while its slot comes (not after): the write's latency does not push the call past its slot,
    // so the calls keep to the pace; a crash in that short wait leaves it unknown, never sent twice
    const slot = Date.now() + pace.waitMs;
    const handed = await markHanded(rt.db, [send.id], token);
    if (handed.length === 0) return; // another run of this job took it back meanwhile
    const left = slot - Date.now();
    if (left > 0) await sleep(left);
    send.attempts += 1;
    let result: SendResult;
    try {
      [result] = (await sender.send([send], content, ctx)) as [SendResult];
    } catch (err) {
      const reason = `the ${sender.provider} call failed: ${err instanceof Error ? err.message : String(err)}`;
      result = { kind: 'unknown', sendId: String(send.id), reason };
    }
    // accepted: recorded at once, so that a crash later in the chunk leaves in doubt only the calls in flight
    if (result.kind === 'accepted') {
      // (read the count first: `sentNow += await …` would add to the value read before the wait)
      const marked = await markSent(rt.db, token, [{ id: send.id, providerId: result.providerId }]);
      sentNow += marked;
    } else results.push(result);
  });
  return { results, unsent, waitMs: refusedWait, sentNow };
}

/** Records the provider's answers, set-based: one statement per kind of answer. */
async function settle(
  rt: DispatchRuntime,
  sender: ChannelSender,
  token: string,
  results: readonly SendResult[],
  claimed: readonly ClaimedSend[],
  report: BatchReport,
): Promise<void> {
  const byId = new Map(claimed.map((s) => [s.id, s]));
  const accepted: { id: number; providerId: string }[] = [];
  const phoneTasks: PhoneStepTask[] = [];
  const failed: Parameters<typeof markFailed>[2][number][] = [];
  const unknown: number[] = [];
  const retry: number[] = [];
  let retryAfter = 0;
  let attempt = 0;
  const retryDelay = rt.retryDelay ?? retryDelayMs;
  let delay = 0;
  const unknownReasons = new Set<string>();
  const retryReasons = new Set<string>();
  for (const result of results) {
    const id = Number(result.sendId);
    const send = byId.get(id);
    if (!send) continue;
    switch (result.kind) {
      case 'accepted':
        accepted.push({ id, providerId: result.providerId });
        break;
      case 'callback-task':
        // nothing is sent: the send becomes a task of the campaign's callback queue (tied to the send)
        phoneTasks.push({
          sendId: id,
          contactId: Number(result.task.contactId),
          phone: result.task.phone,
          dueAt: result.task.dueAt ? new Date(result.task.dueAt) : null,
          priority: result.task.priority,
        });
        break;
      case 'retryable':
        if (send.attempts >= MAX_SEND_ATTEMPTS) {
          failed.push({ id, error: `gave up after ${send.attempts} attempts: ${result.reason}` });
        } else {
          retry.push(id);
          retryReasons.add(result.reason);
          retryAfter = Math.max(retryAfter, result.retryAfterMs ?? 0);
          attempt = Math.max(attempt, send.attempts);
          delay = Math.max(delay, retryDelay(send.attempts, result.retryAfterMs));
        }
        break;
      case 'permanent':
        failed.push({ id, error: result.reason, suppress: result.suppress });
        break;
      case 'unknown':
        unknown.push(id);
        unknownReasons.add(result.reason);
        break;
      default: {
        const never: never = result;
        throw new Error(`Unexpected send result ${JSON.stringify(never)}`);
      }
    }
  }
  report.sent += await markSent(rt.db, token, accepted);
  report.sent += await recordPhoneStepTasks(rt.db, token, phoneTasks);
  report.failed += await markFailed(rt.db, token, failed);
  const doubt = await markUnknown(rt.db, token, unknown, [...unknownReasons].join('; ').slice(0, 1000));
  report.unknown += doubt.unknown;
  report.sent += doubt.settled;
  if (retry.length > 0) {
    const released = await releaseForRetry(rt.db, token, retry, [...retryReasons].join('; ').slice(0, 1000));
    if (released.length > 0) report.retries.push({ sendIds: released, delayMs: delay, attempt });
    // the provider asked everyone to wait: the other workers' next calls wait too
    if (retryAfter > 0) await rt.limiter.hold(sender.provider, retryAfter);
  }
}
