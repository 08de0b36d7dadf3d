import type { IndicatorSettings } from '@relance/domain/indicators';
import type { WinbackSettings } from '@relance/domain/winback/settings';
import type postgres from 'postgres';
import type { Sql } from '../client';
import { trainAndStoreChurnModel } from './winback-churn';
import { fillSegmentMembers } from './winback-segments';
import {
  churnFeaturesSql,
  churnProbabilitySql,
  criterionScoresSql,
  type Q,
  reactivationTotalSql,
} from './winback-sql';

/** An ISO-8601 UTC string of a timestamptz, as JavaScript's toISOString writes it (the evidence's format). */
const iso = (q: Q, expr: postgres.Fragment) =>
  q`to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface WinbackRefreshResult {
  asOf: string;
  customers: number;
  former: number;
  entered: number;
  left: number;
  alerts: number;
  model: 'trained' | 'insufficient';
}

/**
 * Recomputes every customer's win-back state, set-based, after the indicators (whose tiers it reads), as of `asOf`
 * (by default the indicators' own as-of, so that both describe the same moment):
 * 1. per customer, in one pass over the orders and one over complaints and after-sales contacts: the inactivity
 *    rule that applies (the first override matching the tier, a tag or a saved segment, else the default), order
 *    counts and dates,
 *    revenue, margin, promotion and affiliate orders, spend over the rule's windows, the trend, the complaints,
 *    and the same as of one horizon ago for the churn model;
 * 2. the former-customer file: a customer under the rule gets an open stay dated when it happened (kept while the
 *    rule holds); an open stay whose customer no longer is under the rule is closed (ordered again, or the rule no
 *    longer met), never deleted;
 * 3. the churn model is trained on the customers active one horizon ago (loaded into the worker: model fitting
 *    over a bounded sample, see `trainAndStoreChurnModel`), stored, and applied in SQL;
 * 4. each customer's row: former since, occasional-buyer reasons, warning signals with evidence (active customers),
 *    reactivation score, probability of leaving (active customers) and the features it came from;
 * 5. the alert feed: every signal that appeared since the last refresh, every customer who became former, every
 *    active customer whose probability of leaving rose above `churn.alertAbove`. The first refresh of a workspace
 *    (no customer's win-back row yet: a new workspace, or its first import) records what it finds without alerts,
 *    so that account owners are not flooded with every signal already there; alerts start with the next one.
 * Month arithmetic is done in UTC, as the domain does it.
 */
export async function refreshWinback(
  sql: Sql,
  settings: WinbackSettings,
  indicators: IndicatorSettings,
  asOf?: Date,
  options: { onStep?: (step: string, ms: number) => void } = {},
): Promise<WinbackRefreshResult> {
  let last = performance.now();
  /** reports how long the step that just ended took (the benchmark prints them) */
  const step = (name: string) => {
    const now = performance.now();
    options.onStep?.(name, now - last);
    last = now;
  };
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(4242003)`;
    await tx`SET LOCAL timezone = 'UTC'`;
    const [clock] = await tx<{ at: string }[]>`
      SELECT coalesce(${asOf?.toISOString() ?? null}::timestamptz,
                      (SELECT max(computed_at) FROM contact_indicators), clock_timestamp())::text AS at`;
    const at = clock!.at;
    const [seen] = await tx<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM contact_winback) AS any`;
    /** whether this refresh raises alerts: not on the first one, which only records the starting point */
    const alerting = seen!.any;
    const horizon = settings.churn.horizonMonths;
    const [t0row] = await tx<{ t0: string }[]>`
      SELECT (${at}::timestamptz - make_interval(months => ${horizon}))::text AS t0`;
    const t0 = t0row!.t0;
    const trend = indicators.trendWindowDays;
    const complaintDays = indicators.complaintWindowDays;
    const signalDays = settings.signals.complaintsUp.windowDays;

    // the spend windows the rules use (usually one): each is summed once for every customer, and each customer's
    // rule picks its own, rather than joining every order to its customer's rule
    const rules = [settings.inactivity.default, ...settings.inactivity.overrides.map((o) => o.rule)];
    const windows = [...new Set(rules.flatMap((r) => (r.spendDrop ? [r.spendDrop.windowMonths] : [])))];
    const perWindow = (make: (w: number, k: number) => postgres.Fragment) =>
      windows.map((w, k) => tx`, ${make(w, k)}`);

    // every boundary computed once: a stable expression in a WHERE or FILTER is evaluated again for every row
    await tx`
      CREATE TEMP TABLE wb_bounds ON COMMIT DROP AS
      SELECT a.at, a.t0,
             a.at - make_interval(days => ${trend}) AS trend_recent,
             a.at - make_interval(days => ${2 * trend}) AS trend_previous,
             a.t0 - make_interval(days => ${trend}) AS t0_trend_recent,
             a.t0 - make_interval(days => ${2 * trend}) AS t0_trend_previous,
             a.at - make_interval(days => ${signalDays}) AS signal_recent,
             a.at - make_interval(days => ${2 * signalDays}) AS signal_previous,
             a.at - make_interval(days => ${complaintDays}) AS complaint_start,
             a.at - make_interval(days => ${settings.signals.anniversary.graceDays}) AS graced,
             a.t0 - make_interval(days => ${complaintDays}) AS t0_complaint_start
             ${perWindow(
               (w, k) => tx`a.at - make_interval(months => ${w}) AS ${tx(`spend_recent_${k}`)},
                            a.at - make_interval(months => ${2 * w}) AS ${tx(`spend_previous_${k}`)}`,
             )}
        FROM (SELECT ${at}::timestamptz AS at, ${t0}::timestamptz AS t0) a`;
    await tx`ANALYZE wb_bounds`;

    const overrides = settings.inactivity.overrides;
    const byTag = overrides.some((o) => o.scope.kind === 'tag');
    await fillSegmentMembers(tx, overrides);
    const ruleSql =
      overrides.length === 0
        ? tx`${JSON.stringify(settings.inactivity.default)}::jsonb`
        : tx`coalesce((
            SELECT o.v -> 'rule'
              FROM jsonb_array_elements(${JSON.stringify(overrides)}::jsonb) WITH ORDINALITY AS o(v, n)
             WHERE (o.v -> 'scope' ->> 'kind' = 'tier' AND o.v -> 'scope' ->> 'tier' = ci.tier::text)
                ${byTag ? tx`OR (o.v -> 'scope' ->> 'kind' = 'tag' AND (o.v -> 'scope' ->> 'tag') = ANY (c.tags))` : tx``}
                OR (o.v -> 'scope' ->> 'kind' = 'segment' AND EXISTS (
                      SELECT 1 FROM wb_segment_members m WHERE m.rule = o.n AND m.contact_id = ci.contact_id))
             ORDER BY o.n LIMIT 1), ${JSON.stringify(settings.inactivity.default)}::jsonb)`;
    await tx`
      CREATE TEMP TABLE wb_rules ON COMMIT DROP AS
      SELECT ci.contact_id, ci.tier,
             (r.rule ->> 'noOrderMonths')::int AS no_order_months,
             (r.rule -> 'spendDrop' ->> 'share')::float8 AS spend_share,
             array_position(${windows}::int[], (r.rule -> 'spendDrop' ->> 'windowMonths')::int) - 1 AS spend_window
        FROM contact_indicators ci
        ${byTag ? tx`JOIN contacts c ON c.id = ci.contact_id` : tx``}
        CROSS JOIN LATERAL (SELECT ${ruleSql} AS rule) r
       WHERE ci.order_count > 0`;
    await tx`ALTER TABLE wb_rules ADD PRIMARY KEY (contact_id)`;
    await tx`ANALYZE wb_rules`;
    step('rules');

    // one pass over the orders, hashed by customer: room for 17 running aggregates per customer in memory
    await tx`SET LOCAL work_mem = '256MB'`;
    await tx`
      CREATE TEMP TABLE wb_facts ON COMMIT DROP AS
      SELECT o.contact_id,
             count(*)::int AS orders,
             min(o.ordered_at) AS first_order_at,
             max(o.ordered_at) AS last_order_at,
             sum(o.amount_cents)::bigint AS revenue_cents,
             coalesce(sum(o.margin_cents), 0)::bigint AS margin_cents,
             count(*) FILTER (WHERE o.promo OR o.voucher)::int AS promo_orders,
             count(*) FILTER (WHERE lower(btrim(o.source)) = ANY (${settings.occasional.affiliateSources}::text[]))::int
               AS affiliate_orders,
             coalesce(sum(o.amount_cents) FILTER (WHERE o.ordered_at > b.trend_recent), 0)::bigint AS trend_recent,
             coalesce(sum(o.amount_cents) FILTER (
               WHERE o.ordered_at > b.trend_previous AND o.ordered_at <= b.trend_recent), 0)::bigint AS trend_previous,
             count(*) FILTER (WHERE o.ordered_at <= b.t0)::int AS t0_orders,
             min(o.ordered_at) FILTER (WHERE o.ordered_at <= b.t0) AS t0_first,
             max(o.ordered_at) FILTER (WHERE o.ordered_at <= b.t0) AS t0_last,
             coalesce(sum(o.amount_cents) FILTER (WHERE o.ordered_at <= b.t0), 0)::bigint AS t0_revenue,
             count(*) FILTER (WHERE o.ordered_at <= b.t0 AND (o.promo OR o.voucher))::int AS t0_promo,
             coalesce(sum(o.amount_cents) FILTER (
               WHERE o.ordered_at > b.t0_trend_recent AND o.ordered_at <= b.t0), 0)::bigint AS t0_trend_recent,
             coalesce(sum(o.amount_cents) FILTER (
               WHERE o.ordered_at > b.t0_trend_previous AND o.ordered_at <= b.t0_trend_recent), 0)::bigint
               AS t0_trend_previous
             ${perWindow(
               (_, k) => tx`coalesce(sum(o.amount_cents) FILTER (
                 WHERE o.ordered_at > b.${tx(`spend_recent_${k}`)}), 0)::bigint AS ${tx(`spend_recent_${k}`)},
               coalesce(sum(o.amount_cents) FILTER (
                 WHERE o.ordered_at > b.${tx(`spend_previous_${k}`)} AND o.ordered_at <= b.${tx(`spend_recent_${k}`)}),
                 0)::bigint AS ${tx(`spend_previous_${k}`)}`,
             )}
        FROM orders o
        CROSS JOIN wb_bounds b
       WHERE o.ordered_at <= b.at
       GROUP BY o.contact_id`;

    step('order facts');
    const pick = (what: 'recent' | 'previous') =>
      windows.length === 0
        ? tx`0::bigint`
        : tx`CASE r.spend_window ${windows.map((_, k) => tx`WHEN ${k} THEN f.${tx(`spend_${what}_${k}`)} `)} ELSE 0 END`;
    await tx`
      CREATE TEMP TABLE wb_state ON COMMIT DROP AS
      SELECT x.*,
             CASE WHEN x.no_order_months IS NOT NULL
                   AND x.last_order_at + make_interval(months => x.no_order_months) <= bb.at
                  THEN 'no_order'
                  WHEN x.spend_share IS NOT NULL AND x.spend_previous > 0
                   AND x.spend_recent < x.spend_previous * (1 - x.spend_share)
                  THEN 'spend_drop' END::former_reason AS verdict,
             CASE WHEN x.no_order_months IS NOT NULL
                   AND x.last_order_at + make_interval(months => x.no_order_months) <= bb.at
                  THEN x.last_order_at + make_interval(months => x.no_order_months)
                  ELSE bb.at END AS verdict_since
        FROM (
      SELECT f.contact_id, f.orders, f.first_order_at, f.last_order_at, f.revenue_cents, f.margin_cents,
             f.promo_orders, f.affiliate_orders, f.trend_recent, f.trend_previous, f.t0_orders, f.t0_first, f.t0_last,
             f.t0_revenue, f.t0_promo, f.t0_trend_recent, f.t0_trend_previous,
             r.tier, r.no_order_months, r.spend_share,
             ${pick('recent')} AS spend_recent, ${pick('previous')} AS spend_previous,
             coalesce(i.complaints, 0) AS complaints,
             coalesce(i.after_sales, 0) AS after_sales,
             coalesce(i.complaints_before, 0) AS complaints_before,
             coalesce(i.after_sales_before, 0) AS after_sales_before,
             coalesce(i.complaints_window, 0) AS complaints_window,
             coalesce(i.complaints_t0, 0) AS complaints_t0
        FROM wb_facts f
        JOIN wb_rules r ON r.contact_id = f.contact_id
        LEFT JOIN (
          SELECT n.contact_id,
                 count(*) FILTER (WHERE n.kind = 'complaint' AND n.occurred_at > b.signal_recent)::int AS complaints,
                 count(*) FILTER (WHERE n.kind = 'after_sales' AND n.occurred_at > b.signal_recent)::int AS after_sales,
                 count(*) FILTER (WHERE n.kind = 'complaint' AND n.occurred_at > b.signal_previous
                                    AND n.occurred_at <= b.signal_recent)::int AS complaints_before,
                 count(*) FILTER (WHERE n.kind = 'after_sales' AND n.occurred_at > b.signal_previous
                                    AND n.occurred_at <= b.signal_recent)::int AS after_sales_before,
                 count(*) FILTER (WHERE n.occurred_at > b.complaint_start)::int AS complaints_window,
                 count(*) FILTER (WHERE n.occurred_at > b.t0_complaint_start AND n.occurred_at <= b.t0)::int
                   AS complaints_t0
            FROM interactions n
            CROSS JOIN wb_bounds b
           WHERE n.kind IN ('complaint', 'after_sales')
             AND n.occurred_at <= b.at
             AND n.occurred_at > least(b.signal_previous, b.complaint_start, b.t0_complaint_start)
           GROUP BY n.contact_id) i ON i.contact_id = f.contact_id
        ) x
        CROSS JOIN wb_bounds bb`;
    await tx`ALTER TABLE wb_state ADD PRIMARY KEY (contact_id)`;
    await tx`ANALYZE wb_state`;
    step('complaints and verdicts');

    const left = await tx`
      UPDATE former_customers f
         SET left_at = coalesce((SELECT min(o.ordered_at) FROM orders o
                                  WHERE o.contact_id = f.contact_id AND o.ordered_at > f.entered_at
                                    AND o.ordered_at <= ${at}::timestamptz), ${at}::timestamptz),
             exit = CASE WHEN EXISTS (SELECT 1 FROM orders o
                                       WHERE o.contact_id = f.contact_id
                                         AND (o.ordered_at > f.entered_at OR o.created_at > f.recorded_at))
                         THEN 'ordered_again' ELSE 'rule_no_longer_met' END::former_exit
       WHERE f.left_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM wb_state s WHERE s.contact_id = f.contact_id AND s.verdict IS NOT NULL)`;

    const [entered] = await tx<{ n: number }[]>`
      WITH opened AS (
        INSERT INTO former_customers (contact_id, reason, entered_at)
        SELECT contact_id, verdict, verdict_since FROM wb_state WHERE verdict IS NOT NULL
        ON CONFLICT (contact_id) WHERE left_at IS NULL DO NOTHING
        RETURNING contact_id, reason, entered_at
      ), alerted AS (
        INSERT INTO winback_alerts (contact_id, kind, evidence, raised_at)
        SELECT contact_id, 'became_former',
               jsonb_build_object('reason', reason, 'since', ${iso(tx, tx`entered_at`)}), ${at}::timestamptz
          FROM opened WHERE ${alerting}
      )
      SELECT count(*)::int AS n FROM opened`;

    step('former-customer file');
    const training = await trainAndStoreChurnModel(tx, { at, t0, horizonMonths: horizon });
    step('churn model');
    // a model that could not be trained gives no probabilities rather than stale ones
    const model = training.status === 'trained' ? training.model : null;

    const { anniversary, trendDown, complaintsUp } = settings.signals;
    const criteria = settings.scoring.criteria;
    const occasional = settings.occasional;
    const features = churnFeaturesSql(tx, tx`b.at`);
    const alertAbove = settings.churn.alertAbove;
    const upserted = await tx`
      WITH hand AS (
        SELECT contact_id, jsonb_object_agg(criterion, score) AS scores
          FROM reactivation_hand_scores GROUP BY contact_id
      ), rows AS (
        SELECT s.contact_id,
               fc.entered_at AS former_since,
               fc.reason AS former_reason,
               array_remove(ARRAY[
                 CASE WHEN ${occasional.singleOrder} AND s.orders = 1 THEN 'single_order' END,
                 CASE WHEN ${occasional.promoOnly} AND s.promo_orders = s.orders THEN 'promo_only' END,
                 CASE WHEN ${occasional.affiliateOnly} AND s.affiliate_orders = s.orders THEN 'affiliate_only' END
               ], NULL)::occasional_reason[] AS occasional_reasons,
               CASE WHEN fc.contact_id IS NOT NULL THEN '{}'::jsonb ELSE jsonb_strip_nulls(jsonb_build_object(
                 'anniversary_missed', CASE WHEN ${anniversary.enabled} AND an.due IS NOT NULL
                     AND s.last_order_at < an.due - make_interval(days => ${anniversary.leadDays})
                   THEN jsonb_build_object('anniversaryAt', ${iso(tx, tx`an.due`)},
                                           'lastOrderAt', ${iso(tx, tx`s.last_order_at`)},
                                           'daysLate', floor(extract(epoch FROM b.at - an.due) / 86400)::int) END,
                 'trend_down', CASE WHEN ${trendDown.enabled} AND s.trend_previous > 0
                     AND (s.trend_recent - s.trend_previous)::float8 / s.trend_previous < ${-trendDown.dropShare}::float8
                   THEN jsonb_build_object('recentCents', s.trend_recent, 'previousCents', s.trend_previous,
                                           'trend', (s.trend_recent - s.trend_previous)::float8 / s.trend_previous) END,
                 'complaints_up', CASE WHEN ${complaintsUp.enabled}
                     AND s.complaints + s.after_sales >= ${complaintsUp.minCount}
                     AND s.complaints + s.after_sales > s.complaints_before + s.after_sales_before
                   THEN jsonb_build_object('current', s.complaints + s.after_sales,
                                           'previous', s.complaints_before + s.after_sales_before,
                                           'complaints', s.complaints, 'afterSales', s.after_sales) END
               )) END AS signals,
               s.promo_orders::float8 / s.orders AS promo_share,
               ${reactivationTotalSql(tx, criteria)} AS reactivation_score,
               CASE WHEN fc.contact_id IS NULL THEN ${features} END AS churn_features
          FROM wb_state s
          LEFT JOIN former_customers fc ON fc.contact_id = s.contact_id AND fc.left_at IS NULL
          LEFT JOIN hand h ON h.contact_id = s.contact_id
          CROSS JOIN wb_bounds b
          CROSS JOIN LATERAL (SELECT ${criterionScoresSql(tx, criteria, tx`b.at`)}) sc
          CROSS JOIN LATERAL (
            SELECT CASE WHEN y.years >= 1 THEN s.first_order_at + make_interval(years => y.years) END AS due
              FROM (SELECT y0 - CASE WHEN s.first_order_at + make_interval(years => y0) > b.graced THEN 1 ELSE 0 END AS years
                      FROM (SELECT (extract(year FROM b.graced) - extract(year FROM s.first_order_at))::int AS y0) a) y
          ) an
      ), scored AS (
        SELECT rows.*,
               ${model ? tx`CASE WHEN churn_features IS NOT NULL THEN ${churnProbabilitySql(tx, model, tx`churn_features`)} END` : tx`NULL::float8`}
                 AS churn_probability
          FROM rows
      ), alerted AS (
        INSERT INTO winback_alerts (contact_id, kind, evidence, raised_at)
        SELECT r.contact_id, e.key::winback_alert_kind, e.value, ${at}::timestamptz
          FROM rows r
          CROSS JOIN LATERAL jsonb_each(r.signals) e
          LEFT JOIN contact_winback old ON old.contact_id = r.contact_id
         WHERE ${alerting} AND NOT coalesce(old.signals ? e.key, false)
      ), at_risk AS (
        -- the probability rose above the threshold since the last refresh (or the customer is new to the file)
        INSERT INTO winback_alerts (contact_id, kind, evidence, raised_at)
        SELECT r.contact_id, 'churn_risk', jsonb_build_object('probability', r.churn_probability,
                 'threshold', ${alertAbove}::float8, 'horizonMonths', ${horizon}::int), ${at}::timestamptz
          FROM scored r
          LEFT JOIN contact_winback old ON old.contact_id = r.contact_id
         WHERE ${alerting} AND ${alertAbove !== null}
           AND r.churn_probability > ${alertAbove}::float8
           AND NOT coalesce(old.churn_probability > ${alertAbove}::float8, false)
      )
      INSERT INTO contact_winback AS w (contact_id, former_since, former_reason, occasional_reasons, signals, promo_share,
                                        reactivation_score, churn_probability, churn_features, computed_at)
      SELECT contact_id, former_since, former_reason, occasional_reasons, signals, promo_share, reactivation_score,
             churn_probability, churn_features, ${at}::timestamptz
        FROM scored
      ON CONFLICT (contact_id) DO UPDATE SET
        former_since = excluded.former_since, former_reason = excluded.former_reason,
        occasional_reasons = excluded.occasional_reasons, signals = excluded.signals,
        promo_share = excluded.promo_share, reactivation_score = excluded.reactivation_score,
        churn_probability = excluded.churn_probability, churn_features = excluded.churn_features,
        computed_at = excluded.computed_at`;
    step('customers and alerts');
    await tx`DELETE FROM contact_winback w WHERE NOT EXISTS (SELECT 1 FROM wb_state s WHERE s.contact_id = w.contact_id)`;
    step('cleanup');
    const [counts] = await tx<{ former: number; alerts: number }[]>`
      SELECT (SELECT count(*) FROM former_customers WHERE left_at IS NULL)::int AS former,
             (SELECT count(*) FROM winback_alerts WHERE raised_at = ${at}::timestamptz)::int AS alerts`;
    return {
      asOf: new Date(at).toISOString(),
      customers: upserted.count,
      former: counts!.former,
      entered: entered!.n,
      left: left.count,
      alerts: counts!.alerts,
      model: training.status,
    };
  });
}
