import { AppError } from '@relance/domain/errors';
import { type ChurnFactor, mainFactors } from '@relance/domain/winback/churn-model';
import type { HandScoresInput, LostReasonInput } from '@relance/domain/winback/inputs';
import { type CriterionScore, type MetricValues, reactivationScore } from '@relance/domain/winback/scoring';
import type { ScoringCriterion, WinbackSettings } from '@relance/domain/winback/settings';
import type { WarningSignal } from '@relance/domain/winback/signals';
import {
  type FormerExit,
  type FormerReason,
  type LostReason,
  type OccasionalReason,
  SIGNAL_KINDS,
  type WinbackExclusion,
} from '@relance/domain/winback/vocabulary';
import type { Db, Sql } from '../client';
import { latestChurnModel } from './winback-churn';
import { isoSql } from './winback-lists';
import { joinSql, metricSql } from './winback-sql';

export interface LostReasonRecord {
  id: number;
  reason: LostReason;
  competitor: string | null;
  exclusion: WinbackExclusion | null;
  note: string | null;
  lostAt: string;
  recordedAt: string;
  user: { id: string; name: string } | null;
}

export interface ContactWinback {
  /** null until the worker computed the contact's state (a contact without orders never has one) */
  computedAt: string | null;
  formerSince: string | null;
  formerReason: FormerReason | null;
  occasionalReasons: OccasionalReason[];
  signals: WarningSignal[];
  reactivation: { total: number | null; criteria: (CriterionScore & { label: string })[] } | null;
  churn: { probability: number; factors: ChurnFactor[]; auc: number; horizonMonths: number } | null;
  stays: { reason: FormerReason; enteredAt: string; leftAt: string | null; exit: FormerExit | null }[];
  lostReasons: LostReasonRecord[];
  handScores: Record<string, number>;
}

/**
 * The metric values of the reactivation grid for one contact as of `at`, computed by the same SQL as the refresh,
 * so that the breakdown shown adds up to the stored score.
 */
async function metricValues(
  sql: Sql,
  contactId: number,
  at: string,
  criteria: readonly ScoringCriterion[],
  complaintDays: number,
): Promise<MetricValues> {
  const data = criteria.filter((c) => c.source === 'data');
  if (data.length === 0) return {};
  const columns = joinSql(
    sql,
    data.map((c, i) => sql`${metricSql(sql, c.metric, sql`${at}::timestamptz`)} AS ${sql(`m${i}`)}`),
    ',',
  );
  const [row] = await sql<Record<string, number | null>[]>`
    SELECT ${columns}
      FROM (SELECT count(*)::int AS orders, min(ordered_at) AS first_order_at, max(ordered_at) AS last_order_at,
                   coalesce(sum(amount_cents), 0)::bigint AS revenue_cents,
                   coalesce(sum(margin_cents), 0)::bigint AS margin_cents,
                   count(*) FILTER (WHERE promo OR voucher)::int AS promo_orders,
                   (SELECT count(*)::int FROM interactions i
                     WHERE i.contact_id = ${contactId} AND i.kind IN ('complaint', 'after_sales')
                       AND i.occurred_at > ${at}::timestamptz - make_interval(days => ${complaintDays})
                       AND i.occurred_at <= ${at}::timestamptz) AS complaints_window
              FROM orders WHERE contact_id = ${contactId} AND ordered_at <= ${at}::timestamptz) s
     WHERE s.orders > 0`;
  if (!row) return {};
  return Object.fromEntries(data.map((c, i) => [c.metric, row[`m${i}`] ?? null]));
}

export async function getContactWinback(
  db: Db,
  sql: Sql,
  contactId: number,
  settings: WinbackSettings,
  complaintWindowDays: number,
): Promise<ContactWinback> {
  const [state] = await sql<
    {
      computedAt: string;
      formerSince: string | null;
      formerReason: FormerReason | null;
      occasionalReasons: OccasionalReason[];
      signals: Record<string, Record<string, unknown>>;
      churnProbability: number | null;
      churnFeatures: number[] | null;
    }[]
  >`
    SELECT ${isoSql(sql, sql`computed_at`)} AS "computedAt", ${isoSql(sql, sql`former_since`)} AS "formerSince",
           former_reason AS "formerReason", occasional_reasons::text[] AS "occasionalReasons", signals,
           churn_probability AS "churnProbability", churn_features AS "churnFeatures"
      FROM contact_winback WHERE contact_id = ${contactId}`;
  const stays = await sql<ContactWinback['stays']>`
    SELECT reason, ${isoSql(sql, sql`entered_at`)} AS "enteredAt", ${isoSql(sql, sql`left_at`)} AS "leftAt", exit
      FROM former_customers WHERE contact_id = ${contactId} ORDER BY entered_at DESC, id DESC`;
  const lostReasons = await listLostReasons(sql, contactId);
  const hand = await sql<{ criterion: string; score: number }[]>`
    SELECT criterion, score FROM reactivation_hand_scores WHERE contact_id = ${contactId}`;
  const handScores = Object.fromEntries(hand.map((h) => [h.criterion, h.score]));
  if (!state)
    return {
      computedAt: null,
      formerSince: null,
      formerReason: null,
      occasionalReasons: [],
      signals: [],
      reactivation: null,
      churn: null,
      stays: [...stays],
      lostReasons,
      handScores,
    };

  const criteria = settings.scoring.criteria;
  const metrics = await metricValues(sql, contactId, state.computedAt, criteria, complaintWindowDays);
  const score = reactivationScore(criteria, metrics, handScores);
  const labels = new Map(criteria.map((c) => [c.key, c.label]));
  const stored = state.churnFeatures && state.churnProbability !== null ? await latestChurnModel(db) : null;
  return {
    computedAt: state.computedAt,
    formerSince: state.formerSince,
    formerReason: state.formerReason,
    occasionalReasons: state.occasionalReasons,
    signals: SIGNAL_KINDS.filter((kind) => state.signals[kind]).map(
      (kind) => ({ kind, evidence: state.signals[kind] }) as WarningSignal,
    ),
    reactivation: {
      total: score.total,
      criteria: score.criteria.map((c) => ({ ...c, label: labels.get(c.key) ?? c.key })),
    },
    churn:
      stored?.status === 'trained' && state.churnFeatures && state.churnProbability !== null
        ? {
            probability: state.churnProbability,
            factors: mainFactors(stored.model, state.churnFeatures),
            auc: stored.model.auc,
            horizonMonths: stored.horizonMonths,
          }
        : null,
    stays: [...stays],
    lostReasons,
    handScores,
  };
}

export async function listLostReasons(sql: Sql, contactId: number): Promise<LostReasonRecord[]> {
  const rows = await sql<(LostReasonRecord & { userId: string | null; userName: string | null })[]>`
    SELECT l.id::float8 AS id, l.reason, l.competitor, l.exclusion, l.note,
           ${isoSql(sql, sql`l.lost_at`)} AS "lostAt", ${isoSql(sql, sql`l.recorded_at`)} AS "recordedAt",
           u.id AS "userId", u.name AS "userName"
      FROM lost_reasons l LEFT JOIN users u ON u.id = l.user_id
     WHERE l.contact_id = ${contactId}
     ORDER BY l.id DESC`;
  return rows.map(({ userId, userName, ...r }) => ({
    ...r,
    user: userId ? { id: userId, name: userName ?? '' } : null,
  }));
}

async function assertContact(sql: Sql, contactId: number): Promise<void> {
  const [row] = await sql`SELECT 1 FROM contacts WHERE id = ${contactId}`;
  if (!row) throw AppError.notFound('This contact');
}

/** Records why a customer left (kept with the earlier captures: the latest is the current one). */
export async function recordLostReason(
  sql: Sql,
  contactId: number,
  input: LostReasonInput,
  userId: string | null,
): Promise<LostReasonRecord> {
  await assertContact(sql, contactId);
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO lost_reasons (contact_id, reason, competitor, exclusion, note, lost_at, user_id)
    VALUES (${contactId}, ${input.reason}, ${input.competitor}, ${input.exclusion}, ${input.note},
            ${(input.lostAt ?? new Date()).toISOString()}::timestamptz, ${userId}::uuid)
    RETURNING id::float8 AS id`;
  const all = await listLostReasons(sql, contactId);
  return all.find((r) => r.id === row!.id)!;
}

/**
 * Sets or removes (null) hand scores on a contact, for criteria of the current grid only, then brings the
 * contact's stored reactivation score up to date at once (the lists rank by it), in one transaction.
 */
export async function saveHandScores(
  db: Db,
  sql: Sql,
  contactId: number,
  input: HandScoresInput,
  settings: WinbackSettings,
  complaintWindowDays: number,
  userId: string | null,
): Promise<ContactWinback> {
  await assertContact(sql, contactId);
  const keys = new Set(settings.scoring.criteria.map((c) => c.key));
  const unknown = Object.keys(input.scores).filter((k) => !keys.has(k));
  if (unknown.length > 0)
    throw AppError.validation(
      'Score only the criteria of the reactivation grid.',
      unknown.map((k) => ({ field: `scores.${k}`, message: `No criterion "${k}" in the grid` })),
    );
  await sql.begin(async (tx) => {
    for (const [criterion, score] of Object.entries(input.scores)) {
      if (score === null)
        await tx`DELETE FROM reactivation_hand_scores WHERE contact_id = ${contactId} AND criterion = ${criterion}`;
      else
        await tx`
          INSERT INTO reactivation_hand_scores (contact_id, criterion, score, user_id)
          VALUES (${contactId}, ${criterion}, ${score}, ${userId}::uuid)
          ON CONFLICT (contact_id, criterion) DO UPDATE SET score = excluded.score, user_id = excluded.user_id,
                                                            scored_at = now()`;
    }
  });
  const detail = await getContactWinback(db, sql, contactId, settings, complaintWindowDays);
  if (detail.reactivation)
    await sql`UPDATE contact_winback SET reactivation_score = ${detail.reactivation.total}
               WHERE contact_id = ${contactId}`;
  return detail;
}
