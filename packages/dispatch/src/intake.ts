import { normaliseSendgridEvents } from '@relance/channels/email/sendgrid-events';
import { normaliseInboundSms, normaliseSmsStatus } from '@relance/channels/sms/twilio-sms-webhooks';
import { twilioCallbackSchema } from '@relance/channels/twilio/twilio-callback-payload';
import {
  amdPayloadSchema,
  normaliseVoiceAmd,
  normaliseVoiceStatus,
} from '@relance/channels/voice/twilio-voice-webhooks';
import type { Db } from '@relance/db/client';
import { createCallbackTasks } from '@relance/db/queries/callback-tasks';
import {
  claimWaitingBatches,
  type InboundBatch,
  lockInboundBatch,
  markInboundBatchesProcessed,
  markInboundProcessed,
  tryLockInboundBatch,
} from '@relance/db/queries/inbound-batches';
import { applyNumberConsent, latestSmsSends } from '@relance/db/queries/inbound-sms';
import { applySendEvents, type RecordedEvent } from '@relance/db/queries/send-events-apply';
import type { SendEventKind } from '@relance/domain/dispatch/sends';
import { INBOUND_SOURCES, type InboundSource, type ProviderEvent } from '@relance/domain/tracking/inbound';
import { assertNever } from '@relance/domain/vocabulary';
import { z } from 'zod';

export interface IntakeReport {
  batchId: number;
  /** the batch was processed already (a re-enqueued job): nothing was done */
  already: boolean;
  recorded: number;
  /** events already recorded, for no known send, or recording nothing (processed, deferred, sent...) */
  ignored: number;
  /** why the payload (or part of it) could not be read; the batch keeps it */
  error: string | null;
  /**
   * the new events, with their send's facts (a person answered a voice call: a callback task); of SendGrid
   * batches, only those something follows from (applySendEvents' `acted-on`)
   */
  events: RecordedEvent[];
}

interface Normalised {
  events: ProviderEvent[];
  ignored: number;
  error: string | null;
  /** an inbound STOP or START: applied to the number too when no send matched or its event changed nothing */
  numberConsent?: { number: string; status: 'opt_out' | 'opt_in'; messageSid: string };
}

const describe = (err: unknown) =>
  err instanceof z.ZodError
    ? err.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')
    : err instanceof Error
      ? err.message
      : String(err);

const INBOUND_KIND: Record<'stop' | 'start', SendEventKind> = { stop: 'opted_out', start: 'opted_in' };

function normaliseSendgrid(payload: unknown): Normalised {
  const out = normaliseSendgridEvents(payload);
  const error = out.invalid.length
    ? `${out.invalid.length} event(s) were not SendGrid events: ${out.invalid
        .slice(0, 5)
        .map((i) => `#${i.index} ${i.message}`)
        .join(' | ')}`
    : null;
  return { events: out.events, ignored: out.skipped + out.invalid.length, error };
}

/** Reads a batch's payload with its provider's normaliser (pure, zod-validated). Throws on a payload it refuses. */
async function normalise(
  db: Db,
  source: InboundSource,
  payload: unknown,
  receivedAt: Date,
): Promise<Normalised> {
  switch (source) {
    case 'sendgrid':
      return normaliseSendgrid(payload);
    case 'twilio_sms_status': {
      const events = normaliseSmsStatus(twilioCallbackSchema.parse(payload), receivedAt);
      return { events, ignored: events.length ? 0 : 1, error: null };
    }
    case 'twilio_voice_status': {
      const events = normaliseVoiceStatus(twilioCallbackSchema.parse(payload), receivedAt);
      return { events, ignored: events.length ? 0 : 1, error: null };
    }
    case 'twilio_voice_amd': {
      const events = normaliseVoiceAmd(amdPayloadSchema.parse(payload), receivedAt);
      return { events, ignored: events.length ? 0 : 1, error: null };
    }
    case 'twilio_sms_inbound': {
      const sms = normaliseInboundSms(twilioCallbackSchema.parse(payload));
      if (sms.keyword === 'help') return { events: [], ignored: 1, error: null };
      const sendId = (await latestSmsSends(db, [sms.from])).get(sms.from);
      const kind = sms.keyword ? INBOUND_KIND[sms.keyword] : 'responded';
      const events: ProviderEvent[] = sendId
        ? [
            {
              sendId,
              kind,
              source: 'twilio',
              sourceId: sms.messageSid,
              occurredAt: receivedAt,
              detail: { text: sms.body },
            },
          ]
        : [];
      const numberConsent = sms.keyword
        ? {
            number: sms.from,
            status: sms.keyword === 'stop' ? ('opt_out' as const) : ('opt_in' as const),
            messageSid: sms.messageSid,
          }
        : undefined;
      return { events, ignored: sendId ? 0 : 1, error: null, ...(numberConsent ? { numberConsent } : {}) };
    }
    default:
      return assertNever(source, 'inbound source');
  }
}

/** How many waiting SendGrid batches one intake job records together (one applySendEvents, one transaction). */
export const INTAKE_MERGE_BATCHES = 16;

/** How many times a job whose batch another job holds records other waiting batches before it waits for its own. */
export const INTAKE_HELP_ROUNDS = 4;

/**
 * The intake job: a kept webhook batch turned into events, in one transaction. Its payload is read by its
 * provider's normaliser, the events recorded by applySendEvents (deduplicated on their source ids: the same batch
 * processed twice, or 50 times, records them once), an inbound STOP or START also applied to the number when no
 * send matched it, and the batch marked processed with its counts. A payload the normaliser refuses leaves the
 * batch processed with its error (kept for whoever looks), never a failed job retried forever.
 *
 * SendGrid batches are recorded together: the job's batch and up to `merge - 1` other waiting ones no other job
 * holds (claimWaitingBatches), in one applySendEvents — their own jobs then find them processed. A job whose
 * SendGrid batch another job holds (took with its own) does not wait idle for it: it records up to `merge` other
 * waiting batches no one holds, in a transaction of its own (up to INTAKE_HELP_ROUNDS times, while its batch is
 * held and others wait), so that several intake transactions record at once; then it waits for its batch (locks
 * it), which it finds processed — or records it, if the job that held it failed. Each batch still gets its own
 * counts (an event posted in two batches counts in the older one) and its own error.
 */
export async function processInboundBatch(
  db: Db,
  batchId: number,
  merge = INTAKE_MERGE_BATCHES,
): Promise<IntakeReport | null> {
  type Round = { kind: 'done'; report: IntakeReport | null } | { kind: 'helped' } | { kind: 'wait' };
  for (let round = 0; merge > 1 && round < INTAKE_HELP_ROUNDS; round++) {
    const step = await db.transaction(async (tx): Promise<Round> => {
      const own = await tryLockInboundBatch(tx, batchId);
      if (own === null) return { kind: 'done', report: null };
      if (!('heldBy' in own)) return { kind: 'done', report: await recordClaimed(tx, own, merge) };
      if (own.source !== 'sendgrid') return { kind: 'wait' };
      // its own batch is left to its final lock (taken here, should its holder have just failed, the report
      // would say it was found processed)
      const others = await claimWaitingBatches(tx, 'sendgrid', merge, batchId);
      if (others.length === 0) return { kind: 'wait' };
      await recordSendgridBatches(tx, others);
      return { kind: 'helped' };
    });
    if (step.kind === 'done') return step.report;
    if (step.kind === 'wait') break;
  }
  return db.transaction(async (tx) => {
    const own = await lockInboundBatch(tx, batchId);
    return own ? recordClaimed(tx, own, merge) : null;
  });
}

/** The job's batch, locked by this transaction: recorded (with other waiting SendGrid batches), or found processed. */
async function recordClaimed(tx: Db, own: InboundBatch, merge: number): Promise<IntakeReport> {
  if (own.processedAt)
    return { batchId: own.id, already: true, recorded: 0, ignored: 0, error: null, events: [] };
  if (own.source !== 'sendgrid') return recordBatch(tx, own);
  return recordSendgridBatches(tx, [own, ...(await claimWaitingBatches(tx, 'sendgrid', merge - 1, own.id))]);
}

async function recordBatch(db: Db, batch: InboundBatch): Promise<IntakeReport> {
  const batchId = batch.id;
  const report: IntakeReport = { batchId, already: false, recorded: 0, ignored: 0, error: null, events: [] };
  const source = INBOUND_SOURCES.find((s) => s === batch.source);
  let normalised: Normalised;
  try {
    if (!source) throw new Error(`Unknown inbound source ${batch.source}.`);
    normalised = await normalise(db, source, batch.payload, batch.receivedAt);
  } catch (err) {
    report.error = describe(err);
    await markInboundProcessed(db, batchId, report);
    return report;
  }
  const applied = await applySendEvents(db, normalised.events);
  const change = normalised.numberConsent;
  if (change) {
    const event = applied.events[0];
    const unmatched = normalised.events.length === 0;
    // a second STOP (or START) on the same send is recorded but changes nothing there: the number's turn
    if (unmatched || (event && !event.first))
      await applyNumberConsent(db, [{ ...change, at: batch.receivedAt }]);
  }
  await callbackTasksForAnsweredCalls(db, normalised.events, applied.events);
  report.recorded = applied.recorded;
  report.ignored = applied.ignored + normalised.ignored;
  report.error = normalised.error;
  report.events = applied.events;
  await markInboundProcessed(db, batchId, report);
  return report;
}

/**
 * Several SendGrid batches in one applySendEvents: an event that comes in two of them (a retry) is given to the
 * oldest; each batch's `recorded` counts its events that were new (by source id), the rest are `ignored`.
 * Reports on the first batch (the job's), with the new events of all that something follows from (bounces,
 * unsubscribes, spam reports: ACTED_ON_KINDS), not the deliveries, opens and clicks, which only count.
 */
async function recordSendgridBatches(db: Db, batches: readonly InboundBatch[]): Promise<IntakeReport> {
  const seen = new Set<string>();
  const parts = batches.map((batch) => {
    try {
      const normalised = normaliseSendgrid(batch.payload);
      const events: ProviderEvent[] = [];
      let repeated = 0;
      for (const e of normalised.events) {
        if (seen.has(e.sourceId)) repeated++;
        else {
          seen.add(e.sourceId);
          events.push(e);
        }
      }
      return { id: batch.id, events, ignored: normalised.ignored + repeated, error: normalised.error };
    } catch (err) {
      return { id: batch.id, events: [] as ProviderEvent[], ignored: 0, error: describe(err) };
    }
  });
  // only the events something follows from come back (suppressions, consents, follow-ups): the counts are enough
  const applied = await applySendEvents(
    db,
    parts.flatMap((p) => p.events),
    { events: 'acted-on' },
  );
  const stale = new Set(applied.ignoredSourceIds);
  const outcomes = parts.map((p) => {
    const recorded = p.events.reduce((n, e) => (stale.has(e.sourceId) ? n : n + 1), 0);
    return { id: p.id, recorded, ignored: p.ignored + p.events.length - recorded, error: p.error };
  });
  await markInboundBatchesProcessed(db, outcomes);
  const own = outcomes[0]!;
  return {
    batchId: own.id,
    already: false,
    recorded: own.recorded,
    ignored: own.ignored,
    error: own.error,
    events: applied.events,
  };
}

/**
 * A person answered a voice message's call and was hung up on for a callback (VOICE_ON_HUMAN=callback: the
 * detection callback's outcome `callback-task`): a task in the care team's queue, once per call (its key).
 */
async function callbackTasksForAnsweredCalls(
  db: Db,
  normalised: readonly ProviderEvent[],
  recorded: readonly RecordedEvent[],
): Promise<void> {
  const wanted = new Map<number, string>();
  for (const e of normalised)
    if (e.kind === 'answered' && e.detail?.outcome === 'callback-task')
      wanted.set(e.sendId, e.sourceId.split(':')[0]!);
  const tasks = recorded
    .filter((e) => e.kind === 'answered' && e.first && wanted.has(e.sendId))
    .map((e) => ({
      source: 'voice_answered' as const,
      sourceKey: wanted.get(e.sendId)!,
      contactId: e.contactId,
      reason: 'A répondu au message vocal : à rappeler',
      phone: e.address,
      sendId: e.sendId,
      campaignId: e.campaignId,
      stepId: e.stepId,
    }));
  if (tasks.length > 0) await createCallbackTasks(db, tasks);
}
