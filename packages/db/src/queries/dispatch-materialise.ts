import { ENGAGEMENT_EVENT_KINDS, RESPONSE_EVENT_KINDS, type SendPhase } from '@relance/domain/dispatch/sends';
import { AppError } from '@relance/domain/errors';
import type { StepTarget } from '@relance/domain/planning/campaign-input';
import { assertNever } from '@relance/domain/vocabulary';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignPhases, sendWaves } from '../schema/dispatch';
import { audienceCondition } from './audience';
import { getCampaign } from './campaigns';
import { getPhase, getWave, type WaveRow } from './dispatch-phases';
import { RANDOM_BITS_SQL, reachSql, trackingCodeSql } from './dispatch-sql';

/** How many times a wave's insert is run again for the rows a tracking-code collision left out. */
const CODE_COLLISION_RETRIES = 5;

export interface Materialised {
  /** contacts targeted: the phase's members for its first step, the step's target for a later one */
  targeted: number;
  sendable: number;
  skipped: number;
  /** false: it had already been done (the second of two launches, a retried job); nothing was written */
  written: boolean;
}

/**
 * Materialising a campaign's sends is serialised per campaign (a transaction-scoped advisory lock): the test's
 * sample, the rollout's "everyone not in the test" and each later step are computed from what the others wrote.
 */
async function lockCampaign(tx: Db, campaignId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`dispatch-${campaignId}`}, 0))`);
}

/** The contacts a statement is about to write sends for, with their variant group (0, 1, 2 = A, B, C). */
async function createMembersTable(tx: Db): Promise<void> {
  await tx.execute(
    sql`CREATE TEMP TABLE dispatch_members (contact_id bigint NOT NULL, grp int NOT NULL) ON COMMIT DROP`,
  );
}

async function membersPerGroup(tx: Db): Promise<Map<number, number>> {
  // a million rows inserted in this transaction: the planner needs their statistics for the joins that follow
  await tx.execute(sql`ANALYZE dispatch_members`);
  const rows = await tx.execute<{ grp: number; n: number }>(
    sql`SELECT grp, count(*)::int AS n FROM dispatch_members GROUP BY grp`,
  );
  return new Map(rows.map((r) => [Number(r.grp), Number(r.n)]));
}

/** PostgreSQL's unique_violation, on the error or (drizzle wraps query errors) its cause. */
function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Writes one wave's sends for the members of group `grp`, in one INSERT ... SELECT: each member's reachability on
 * the wave's channel (address, suppression, consent) decides between a tracking code (pending) and a skip reason.
 * First as a plain INSERT (in a savepoint): ON CONFLICT's speculative insertion probes both unique indexes once
 * more per row (≈ 3 PostgreSQL CPU-seconds a million sends), and the members have no row yet (the advisory lock
 * and NOT EXISTS saw to it), so only a tracking code drawn twice can collide — a chunk in a few hundred. Then, when
 * it did, with ON CONFLICT DO NOTHING, re-run for the members still without a row: the UNIQUE (step, contact)
 * makes every run write only what is missing.
 */
async function writeWaveSends(
  tx: Db,
  wave: Pick<WaveRow, 'id' | 'campaignId' | 'stepId' | 'phase' | 'variant' | 'channel'>,
  grp: number,
  expected: number,
): Promise<{ sendable: number; skipped: number }> {
  const reach = reachSql(wave.channel);
  const insert = (db: Db, run: number, onConflict: SQL) => {
    const missingOnly =
      run === 0
        ? sql``
        : sql`AND NOT EXISTS (SELECT 1 FROM sends done WHERE done.step_id = ${wave.stepId}::uuid AND done.contact_id = m.contact_id)`;
    return db.execute<{ sendable: number; skipped: number }>(sql`
      WITH written AS (
        INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, tracking_code, status,
                           skip_reason, finished_at)
        SELECT ${wave.id}::uuid, ${wave.campaignId}::uuid, ${wave.stepId}::uuid, r.contact_id,
               ${wave.phase}::send_phase, ${wave.variant}::variant_label, ${wave.channel}::channel,
               CASE WHEN r.reason IS NULL THEN ${trackingCodeSql('r.bits')} END,
               (CASE WHEN r.reason IS NULL THEN 'pending' ELSE 'skipped' END)::send_status,
               r.reason,
               CASE WHEN r.reason IS NOT NULL THEN now() END
          FROM (SELECT contacts.id AS contact_id, ${reach.skipReason} AS reason, ${RANDOM_BITS_SQL} AS bits
                  FROM dispatch_members m
                  JOIN contacts ON contacts.id = m.contact_id
                  ${reach.joins}
                 WHERE m.grp = ${grp} ${missingOnly}) r
        ${onConflict}
        RETURNING status
      )
      SELECT count(*) FILTER (WHERE status = 'pending')::int AS sendable,
             count(*) FILTER (WHERE status = 'skipped')::int AS skipped
        FROM written`);
  };
  let sendable = 0;
  let skipped = 0;
  try {
    const [counts] = await tx.transaction((sp) => insert(sp as unknown as Db, 0, sql``));
    sendable += Number(counts?.sendable ?? 0);
    skipped += Number(counts?.skipped ?? 0);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  for (let run = 0; run <= CODE_COLLISION_RETRIES && sendable + skipped < expected; run++) {
    const [counts] = await insert(tx, run, sql`ON CONFLICT DO NOTHING`);
    sendable += Number(counts?.sendable ?? 0);
    skipped += Number(counts?.skipped ?? 0);
  }
  if (sendable + skipped < expected) {
    throw new AppError(
      'internal',
      `Wave ${wave.id}: ${expected - sendable - skipped} sends could not be written.`,
    );
  }
  return { sendable, skipped };
}

export interface MaterialiseOptions {
  /** contacts per transaction for a rollout or a later step (by contact id range); the test goes in one */
  chunkSize?: number;
  /** after each committed chunk, with the range of contact ids it covered: sending can start on it */
  onChunk?: (chunk: ContactRange) => Promise<void>;
}
/** Contact ids in (after, upTo]. */
export interface ContactRange {
  after: number;
  upTo: number;
}
export const ALL_CONTACTS: ContactRange = { after: 0, upTo: Number.MAX_SAFE_INTEGER };
const DEFAULT_CHUNK = 100_000;
/**
 * The first range is smaller (a tenth of the others, 10,000 contacts at most): its sends are written in a fraction
 * of a second, so that the first batches go out at once instead of after a whole range (≈ 2 s for 100,000).
 */
const FIRST_CHUNK = 10_000;

async function contactIdRanges(db: Db, chunkSize: number): Promise<ContactRange[]> {
  const [bounds] = await db.execute<{ lo: number | null; hi: number | null }>(
    sql`SELECT min(id) AS lo, max(id) AS hi FROM contacts`,
  );
  if (bounds?.lo == null || bounds.hi == null) return [];
  const ranges: ContactRange[] = [];
  const first = Math.max(1, Math.min(FIRST_CHUNK, Math.ceil(chunkSize / 10)));
  for (let after = Number(bounds.lo) - 1; after < Number(bounds.hi); ) {
    const upTo = Math.min(after + (ranges.length === 0 ? first : chunkSize), Number(bounds.hi));
    ranges.push({ after, upTo });
    after = upTo;
  }
  return ranges;
}

const inRange = (column: SQL, r: ContactRange) => sql`${column} > ${r.after} AND ${column} <= ${r.upTo}`;

/**
 * Writes a launched phase's members as the sends of the campaign's first step:
 * - the test: a random sample of the audience of the size resolved at launch, reproducible (ordered by
 *   md5(campaign id, contact id)), dealt round-robin into the groups A, B, C so that they differ by one at most;
 *   one transaction;
 * - the rollout: everyone in the audience now who is not a member yet (so never anyone of the test), in the
 *   rolled-out group; one transaction per range of contact ids, each reported to `onChunk` once committed, so
 *   that the first letters go out while the rest is written (a crash half-way is resumed by running it again:
 *   the ranges already written add nothing).
 * Once per phase: a second call (two launches at once, a retried job) finds it done and writes nothing.
 */
export async function materialisePhase(
  db: Db,
  campaignId: string,
  phase: SendPhase,
  options: MaterialiseOptions = {},
): Promise<Materialised> {
  const current = await getPhase(db, campaignId, phase);
  if (!current) throw AppError.notFound(`The ${phase} of this campaign`);
  if (current.materialisedAt)
    return { targeted: current.members ?? 0, sendable: 0, skipped: 0, written: false };
  const stored = await getCampaign(db, campaignId);
  if (!stored) throw AppError.notFound('This campaign');
  const first = stored.steps[0]!;
  const waves = await db
    .select()
    .from(sendWaves)
    .where(and(eq(sendWaves.stepId, first.id), eq(sendWaves.phase, phase)));
  const order = ['A', 'B', 'C'] as const;
  waves.sort((a, b) => order.indexOf(a.variant) - order.indexOf(b.variant));
  const ranges =
    phase === 'test' ? [ALL_CONTACTS] : await contactIdRanges(db, options.chunkSize ?? DEFAULT_CHUNK);
  const total = { targeted: 0, sendable: 0, skipped: 0 };
  for (const range of ranges) {
    const chunk = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await lockCampaign(tx, campaignId);
      const row = await getPhase(tx, campaignId, phase);
      if (row?.materialisedAt) return null;
      const audience = await audienceCondition(tx, stored.plan.audience);
      await createMembersTable(tx);
      if (phase === 'test') {
        await tx.execute(sql`
          INSERT INTO dispatch_members (contact_id, grp)
          SELECT id, ((row_number() OVER (ORDER BY h, id) - 1) % ${waves.length})::int
            FROM (SELECT contacts.id, md5(${campaignId}::text || ':' || contacts.id) AS h
                    FROM contacts WHERE ${audience}
                   ORDER BY h, contacts.id
                   LIMIT ${row?.requestedSize ?? 0}) sample`);
      } else {
        await tx.execute(sql`
          INSERT INTO dispatch_members (contact_id, grp)
          SELECT contacts.id, 0 FROM contacts
           WHERE ${inRange(sql`contacts.id`, range)} AND ${audience}
             AND NOT EXISTS (SELECT 1 FROM sends member
                              WHERE member.step_id = ${first.id}::uuid AND member.contact_id = contacts.id)`);
      }
      const perGroup = await membersPerGroup(tx);
      const counts = { targeted: 0, sendable: 0, skipped: 0 };
      for (const [grp, wave] of waves.entries()) {
        const expected = perGroup.get(grp) ?? 0;
        const written = await writeWaveSends(tx, wave, grp, expected);
        counts.targeted += expected;
        counts.sendable += written.sendable;
        counts.skipped += written.skipped;
      }
      // the test's sample is drawn and written at once: done in the same transaction
      if (phase === 'test') await markPhaseMaterialised(tx, campaignId, phase, first.id);
      return counts;
    });
    if (!chunk) return { ...total, written: false };
    total.targeted += chunk.targeted;
    total.sendable += chunk.sendable;
    total.skipped += chunk.skipped;
    await options.onChunk?.(range);
  }
  if (phase === 'test') return { ...total, written: true };
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await lockCampaign(tx, campaignId);
    const row = await getPhase(tx, campaignId, phase);
    if (row?.materialisedAt) return { ...total, written: false };
    await markPhaseMaterialised(tx, campaignId, phase, first.id);
    return { ...total, written: true };
  });
}

async function markPhaseMaterialised(tx: Db, campaignId: string, phase: SendPhase, firstStepId: string) {
  const [members] = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM sends WHERE step_id = ${firstStepId}::uuid AND phase = ${phase}::send_phase`,
  );
  await tx
    .update(campaignPhases)
    .set({ members: Number(members?.n ?? 0), materialisedAt: sql`now()` })
    .where(and(eq(campaignPhases.campaignId, campaignId), eq(campaignPhases.phase, phase)));
  await tx
    .update(sendWaves)
    .set({ materialisedAt: sql`now()` })
    .where(and(eq(sendWaves.stepId, firstStepId), eq(sendWaves.phase, phase)));
}

const kinds = (list: readonly string[]) =>
  sql.join(
    list.map((k) => sql`${k}::send_event_kind`),
    sql`, `,
  );

/** A later step's target among the phase's members (`m.contact_id`), from the events of the campaign's sends. */
function targetSql(target: StepTarget, campaignId: string, stepIds: string[]): SQL {
  const answered = (stepFilter: SQL, eventKinds: readonly string[]) =>
    sql`EXISTS (SELECT 1 FROM sends answered JOIN send_events e ON e.send_id = answered.id
                 WHERE answered.contact_id = m.contact_id AND ${stepFilter} AND e.kind IN (${kinds(eventKinds)}))`;
  switch (target.type) {
    case 'everyone':
      return sql`true`;
    case 'non_responders':
      return sql`NOT ${answered(sql`answered.campaign_id = ${campaignId}::uuid`, RESPONSE_EVENT_KINDS)}`;
    case 'responders':
      return answered(sql`answered.step_id = ${stepIds[target.step - 1]!}::uuid`, RESPONSE_EVENT_KINDS);
    case 'openers_clickers':
      return answered(sql`answered.step_id = ${stepIds[target.step - 1]!}::uuid`, ENGAGEMENT_EVENT_KINDS);
    default:
      return assertNever(target, 'step target');
  }
}

/**
 * Writes a later step's sends for one group of one phase, when it comes due: its target (everyone,
 * non-responders, openers or clickers of a step, responders of a step) resolved among the phase's members (the
 * first step's sends of that phase and group) from the events recorded so far; by ranges of contact ids, like
 * the rollout. Once per wave; the phase's members must have been written first.
 */
export async function materialiseWave(
  db: Db,
  waveId: string,
  options: MaterialiseOptions = {},
): Promise<Materialised> {
  const wave = await getWave(db, waveId);
  if (!wave) throw AppError.notFound('This wave');
  if (wave.materialisedAt) return { targeted: 0, sendable: 0, skipped: 0, written: false };
  const phase = await getPhase(db, wave.campaignId, wave.phase);
  if (!phase?.materialisedAt) {
    throw new AppError(
      'conflict',
      `The ${wave.phase}'s members are not written yet: the step waits for them.`,
    );
  }
  const stored = await getCampaign(db, wave.campaignId);
  if (!stored) throw AppError.notFound('This campaign');
  const stepIds = stored.steps.map((s) => s.id);
  const index = stepIds.indexOf(wave.stepId);
  // the first step's sends are the phase's members, written with the phase
  if (index <= 0) return { targeted: 0, sendable: 0, skipped: 0, written: false };
  const target = targetSql(stored.plan.steps[index]!.target, wave.campaignId, stepIds);
  const total = { targeted: 0, sendable: 0, skipped: 0 };
  for (const range of await contactIdRanges(db, options.chunkSize ?? DEFAULT_CHUNK)) {
    const chunk = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await lockCampaign(tx, wave.campaignId);
      const [row] = await tx.select().from(sendWaves).where(eq(sendWaves.id, waveId));
      if (row?.materialisedAt) return null;
      await createMembersTable(tx);
      await tx.execute(sql`
        INSERT INTO dispatch_members (contact_id, grp)
        SELECT m.contact_id, 0 FROM sends m
         WHERE m.step_id = ${stepIds[0]!}::uuid AND ${inRange(sql`m.contact_id`, range)}
           AND m.phase = ${wave.phase}::send_phase AND m.variant = ${wave.variant}::variant_label
           AND ${target}
           AND NOT EXISTS (SELECT 1 FROM sends done WHERE done.step_id = ${wave.stepId}::uuid AND done.contact_id = m.contact_id)`);
      const targeted = (await membersPerGroup(tx)).get(0) ?? 0;
      return { targeted, ...(await writeWaveSends(tx, wave, 0, targeted)) };
    });
    if (!chunk) return { ...total, written: false };
    total.targeted += chunk.targeted;
    total.sendable += chunk.sendable;
    total.skipped += chunk.skipped;
    await options.onChunk?.(range);
  }
  const marked = await db
    .update(sendWaves)
    .set({ materialisedAt: sql`now()` })
    .where(and(eq(sendWaves.id, waveId), isNull(sendWaves.materialisedAt)))
    .returning({ id: sendWaves.id });
  return { ...total, written: marked.length > 0 };
}
