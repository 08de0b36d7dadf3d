import type { CallingRules } from '@relance/domain/callbacks/calling-rules';
import { CANCELLATION_PATTERN } from '@relance/domain/callbacks/cancellation';
import { sourceHotness, TIER_VALUE_SQL } from '@relance/domain/callbacks/priority';
import { type TaskSource, TEAM_QUEUES, teamQueueOf } from '@relance/domain/callbacks/vocabulary';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ensureQueues } from './callback-tasks';

/** The sources the feed reads (the others come from dispatch, webhooks, calls and agents). */
export const FED_SOURCES = [
  'winback',
  'churn_risk',
  'warning_signal',
  'hot_prospect',
  'quote_reminder',
  'cancellation',
] as const satisfies readonly TaskSource[];
export type FedSource = (typeof FED_SOURCES)[number];

const ts = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/**
 * Each source's candidates as rows (contact_id, source_key, reason, detail, extra, send_id, campaign_id, step_id),
 * best first. `extra` adds to the source's hotness (a higher score, a click rather than an open).
 */
function candidatesSql(source: FedSource, rules: CallingRules, at: Date): SQL {
  const f = rules.feed;
  switch (source) {
    case 'winback':
      return sql`
        SELECT w.contact_id, w.contact_id || '-' || to_char(w.former_since AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS source_key,
               'Score de réactivation ' || round(w.reactivation_score::numeric, 1) || '/10' AS reason,
               jsonb_build_object('reactivationScore', w.reactivation_score, 'formerSince', w.former_since) AS detail,
               round(w.reactivation_score * 3)::int AS extra, NULL::bigint AS send_id, NULL::uuid AS campaign_id,
               NULL::uuid AS step_id
          FROM contact_winback w
         WHERE w.former_since IS NOT NULL AND w.reactivation_score >= ${f.winbackMinScore}
           AND cardinality(w.occasional_reasons) = 0
           AND NOT EXISTS (SELECT 1 FROM (SELECT l.exclusion FROM lost_reasons l WHERE l.contact_id = w.contact_id
                                           ORDER BY l.id DESC LIMIT 1) lr WHERE lr.exclusion IS NOT NULL)
         ORDER BY w.reactivation_score DESC, w.contact_id`;
    case 'churn_risk':
      return sql`
        SELECT w.contact_id, w.contact_id || '-' || to_char(${ts(at)} AT TIME ZONE 'UTC', 'YYYY-MM'),
               'Probabilité de départ ' || round(w.churn_probability::numeric * 100) || ' %',
               jsonb_build_object('churnProbability', w.churn_probability),
               round(w.churn_probability * 30)::int, NULL::bigint, NULL::uuid, NULL::uuid
          FROM contact_winback w
         WHERE w.former_since IS NULL AND w.churn_probability >= ${f.churnMinProbability}
         ORDER BY w.churn_probability DESC, w.contact_id`;
    case 'warning_signal':
      return sql`
        SELECT a.contact_id, a.id::text, 'Signal : ' || a.kind, jsonb_build_object('kind', a.kind, 'evidence', a.evidence),
               0, NULL::bigint, NULL::uuid, NULL::uuid
          FROM winback_alerts a
         WHERE a.dismissed_at IS NULL AND a.kind NOT IN ('became_former', 'low_satisfaction') AND a.raised_at > ${ts(at)} - interval '30 days'
         ORDER BY a.raised_at DESC, a.id`;
    case 'hot_prospect':
      // clicked, replied or opened several times a campaign's message in the last two weeks, and bought nothing yet
      return sql`
        SELECT h.contact_id, h.campaign_id || '-' || h.contact_id,
               CASE WHEN h.responded THEN 'A répondu' WHEN h.clicked THEN 'A cliqué' ELSE 'A ouvert ' || h.opens || ' fois' END
                 || ' : ' || c.name,
               jsonb_build_object('campaign', c.name, 'clicked', h.clicked, 'responded', h.responded, 'opens', h.opens),
               (CASE WHEN h.responded THEN 15 WHEN h.clicked THEN 10 ELSE 0 END), h.send_id, h.campaign_id, h.step_id
          FROM (SELECT s.contact_id, s.campaign_id, max(s.id) AS send_id, (array_agg(s.step_id ORDER BY s.id DESC))[1] AS step_id,
                       bool_or(e.kind = 'clicked') AS clicked, bool_or(e.kind = 'responded') AS responded,
                       count(*) FILTER (WHERE e.kind = 'opened') AS opens
                  FROM send_events e JOIN sends s ON s.id = e.send_id
                 WHERE e.occurred_at > ${ts(at)} - interval '14 days' AND s.channel <> 'phone'
                   AND e.kind IN ('opened', 'clicked', 'responded')
                 GROUP BY s.contact_id, s.campaign_id) h
          JOIN campaigns c ON c.id = h.campaign_id
         WHERE (h.clicked OR h.responded OR h.opens >= ${f.hotOpens})
           AND NOT EXISTS (SELECT 1 FROM sends s2 JOIN send_events e2 ON e2.send_id = s2.id
                            WHERE s2.contact_id = h.contact_id AND s2.campaign_id = h.campaign_id AND e2.kind = 'sold')
         ORDER BY h.responded DESC, h.clicked DESC, h.opens DESC, h.contact_id`;
    case 'quote_reminder':
      // quotes recorded by another source (a form, a salesperson) with no sale nor reminder since, once due
      return sql`
        SELECT s.contact_id, e.id::text, 'Relance devis : ' || c.name,
               jsonb_build_object('campaign', c.name, 'quoteCents', e.amount_cents, 'quotedAt', e.occurred_at),
               0, s.id, s.campaign_id, s.step_id
          FROM send_events e JOIN sends s ON s.id = e.send_id JOIN campaigns c ON c.id = s.campaign_id
         WHERE e.kind = 'quoted' AND e.source <> 'phone'
           AND e.occurred_at <= ${ts(at)} - make_interval(days => ${rules.quoteReminderDays})
           AND e.occurred_at > ${ts(at)} - interval '90 days'
           AND NOT EXISTS (SELECT 1 FROM send_events l WHERE l.send_id = s.id AND l.kind IN ('sold', 'reminded', 'lost')
                              AND l.occurred_at >= e.occurred_at)
         ORDER BY e.occurred_at, e.id`;
    case 'cancellation':
      // a cancellation request or a customer announcing they leave, written in the interaction log (last 30 days)
      return sql`
        SELECT i.contact_id, i.id::text, 'Demande de résiliation : ' || coalesce(i.subject, ''),
               jsonb_build_object('subject', i.subject, 'at', i.occurred_at),
               0, NULL::bigint, NULL::uuid, NULL::uuid
          FROM interactions i
         WHERE i.occurred_at > ${ts(at)} - interval '30 days' AND i.kind <> 'call'
           AND (coalesce(i.subject, '') || ' ' || coalesce(i.body, '')) ~* ${CANCELLATION_PATTERN}
         ORDER BY i.occurred_at DESC, i.id`;
    default: {
      const never: never = source;
      return never;
    }
  }
}

/**
 * Feeds the callback queues from the win-back state and the tracking events, one INSERT ... SELECT per source:
 * at most `feed.maxPerRun` new tasks each, the best first, for contacts with a phone number who are on no
 * do-not-call list and have no open task already; idempotent on (source, source key), so a re-run (every
 * quarter of an hour, and after the nightly refresh) adds only what is new. Answers the tasks created per source.
 */
export async function feedCallbackQueues(
  db: Db,
  rules: CallingRules,
  at = new Date(),
  sources: readonly FedSource[] = FED_SOURCES,
): Promise<Record<FedSource, number>> {
  await ensureQueues(
    db,
    TEAM_QUEUES.map((q) => `team:${q}`),
  );
  const created = Object.fromEntries(FED_SOURCES.map((s) => [s, 0])) as Record<FedSource, number>;
  for (const source of sources) {
    const campaignQueue = source === 'hot_prospect' || source === 'quote_reminder';
    const queueKey = campaignQueue
      ? sql`coalesce('campaign:' || v.campaign_id, ${`team:${teamQueueOf(source)}`})`
      : sql`${`team:${teamQueueOf(source)}`}`;
    if (campaignQueue)
      await db.execute(sql`
        INSERT INTO callback_queues (key, kind, name, campaign_id)
        SELECT DISTINCT 'campaign:' || c.id, 'campaign'::callback_queue_kind, c.name, c.id
          FROM (${candidatesSql(source, rules, at)} LIMIT ${rules.feed.maxPerRun})
               AS v(contact_id, source_key, reason, detail, extra, send_id, campaign_id, step_id)
          JOIN campaigns c ON c.id = v.campaign_id
        ON CONFLICT (key) DO NOTHING`);
    const result = await db.execute(sql`
      INSERT INTO callback_tasks (queue_id, contact_id, source, source_key, send_id, campaign_id, step_id, reason,
                                  detail, priority, due_at)
      SELECT q.id, v.contact_id, ${source}::callback_task_source, v.source_key, v.send_id, v.campaign_id, v.step_id,
             v.reason, v.detail, ${sourceHotness(source)} + v.extra + ${sql.raw(TIER_VALUE_SQL('ci.tier'))}, ${ts(at)}
        FROM (SELECT DISTINCT ON (x.contact_id) x.* FROM (
                SELECT c.*, row_number() OVER () AS ord
                  FROM (${candidatesSql(source, rules, at)})
                       AS c(contact_id, source_key, reason, detail, extra, send_id, campaign_id, step_id)) x
               ORDER BY x.contact_id, x.ord) v
        JOIN contacts ct ON ct.id = v.contact_id
        JOIN callback_queues q ON q.key = ${queueKey}
        LEFT JOIN contact_indicators ci ON ci.contact_id = v.contact_id
       WHERE coalesce(ct.mobile, ct.phone) IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM callback_tasks o WHERE o.contact_id = v.contact_id AND o.status = 'open')
         AND NOT EXISTS (SELECT 1 FROM callback_tasks d WHERE d.source = ${source}::callback_task_source
                                                          AND d.source_key = v.source_key)
         AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.channel = 'phone'
                            AND s.address = ANY(ARRAY[ct.mobile, ct.phone]))
       ORDER BY v.ord
       LIMIT ${rules.feed.maxPerRun}
      ON CONFLICT (source, source_key) DO NOTHING`);
    created[source] = result.count;
  }
  return created;
}
