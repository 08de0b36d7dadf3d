import type { Tier } from '@relance/domain/indicators';
import { assertNever } from '@relance/domain/vocabulary';
import type { WinbackView } from '@relance/domain/winback/views';
import type {
  FormerReason,
  LostReason,
  OccasionalReason,
  WinbackExclusion,
} from '@relance/domain/winback/vocabulary';
import type postgres from 'postgres';
import type { Sql } from '../client';

// the views of the former-customer file are the domain's (the API answer and the web app share them)
export { WINBACK_VIEWS, type WinbackView } from '@relance/domain/winback/views';

export interface FormerCustomerRow {
  contactId: number;
  kind: 'person' | 'company';
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  owner: { id: string; name: string } | null;
  formerSince: string;
  formerReason: FormerReason;
  reactivationScore: number | null;
  occasionalReasons: OccasionalReason[];
  revenueCents: number;
  orderCount: number;
  lastOrderAt: string | null;
  tier: Tier | null;
  lostReason: {
    reason: LostReason;
    competitor: string | null;
    exclusion: WinbackExclusion | null;
    lostAt: string;
  } | null;
}

export interface ScoreCursor {
  score: number | null;
  id: number;
}

/** An ISO-8601 UTC string, as JavaScript writes it, whatever the session's time zone. */
export const isoSql = (q: postgres.ISql, expr: postgres.Fragment) =>
  q`to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function viewSql(q: postgres.ISql, view: WinbackView, occasionalApart: boolean): postgres.Fragment {
  const occasional = q`cardinality(w.occasional_reasons) > 0`;
  switch (view) {
    case 'candidates':
      return q`NOT ${occasional} AND lr.exclusion IS NULL`;
    case 'occasional':
      return occasionalApart ? q`${occasional} AND lr.exclusion IS NULL` : q`false`;
    case 'excluded':
      return occasionalApart ? q`lr.exclusion IS NOT NULL` : q`(lr.exclusion IS NOT NULL OR ${occasional})`;
    case 'file':
      return q`true`;
    default:
      return assertNever(view, 'win-back view');
  }
}

export async function listFormerCustomers(
  sql: Sql,
  options: {
    view: WinbackView;
    /** the settings' treatment of occasional buyers: kept apart, or excluded */
    occasionalApart: boolean;
    limit: number;
    after: ScoreCursor | null;
  },
): Promise<{ items: FormerCustomerRow[]; next: ScoreCursor | null }> {
  const { after } = options;
  const keyset = !after
    ? sql`true`
    : after.score === null
      ? sql`w.reactivation_score IS NULL AND w.contact_id > ${after.id}`
      : sql`(w.reactivation_score < ${after.score} OR (w.reactivation_score = ${after.score} AND w.contact_id > ${after.id})
             OR w.reactivation_score IS NULL)`;
  const rows = await sql<(FormerCustomerRow & { ownerId: string | null; ownerName: string | null })[]>`
    SELECT w.contact_id::float8 AS "contactId", c.kind, c.first_name AS "firstName", c.last_name AS "lastName",
           c.company_name AS "companyName", c.email, u.id AS "ownerId", u.name AS "ownerName",
           ${isoSql(sql, sql`w.former_since`)} AS "formerSince", w.former_reason AS "formerReason",
           w.reactivation_score AS "reactivationScore", w.occasional_reasons::text[] AS "occasionalReasons",
           coalesce(ci.revenue_cents, 0)::float8 AS "revenueCents", coalesce(ci.order_count, 0) AS "orderCount",
           ${isoSql(sql, sql`ci.last_order_at`)} AS "lastOrderAt", ci.tier,
           CASE WHEN lr.reason IS NULL THEN NULL ELSE jsonb_build_object(
             'reason', lr.reason, 'competitor', lr.competitor, 'exclusion', lr.exclusion,
             'lostAt', ${isoSql(sql, sql`lr.lost_at`)}) END AS "lostReason"
      FROM contact_winback w
      JOIN contacts c ON c.id = w.contact_id
      LEFT JOIN contact_indicators ci ON ci.contact_id = w.contact_id
      LEFT JOIN users u ON u.id = c.owner_id
      LEFT JOIN LATERAL (
        SELECT l.reason, l.competitor, l.exclusion, l.lost_at FROM lost_reasons l
         WHERE l.contact_id = w.contact_id ORDER BY l.id DESC LIMIT 1) lr ON true
     WHERE w.former_since IS NOT NULL
       AND ${viewSql(sql, options.view, options.occasionalApart)}
       AND ${keyset}
     ORDER BY w.reactivation_score DESC NULLS LAST, w.contact_id
     LIMIT ${options.limit + 1}`;
  const items = rows.slice(0, options.limit).map(({ ownerId, ownerName, ...row }) => ({
    ...row,
    owner: ownerId ? { id: ownerId, name: ownerName ?? '' } : null,
  }));
  const last = items.at(-1);
  return {
    items,
    next: rows.length > options.limit && last ? { score: last.reactivationScore, id: last.contactId } : null,
  };
}

/** How many current former customers each list holds. */
export async function countFormerCustomers(
  sql: Sql,
  occasionalApart: boolean,
): Promise<Record<WinbackView, number>> {
  const [row] = await sql<Record<WinbackView, number>[]>`
    SELECT count(*) FILTER (WHERE ${viewSql(sql, 'candidates', occasionalApart)})::int AS candidates,
           count(*) FILTER (WHERE ${viewSql(sql, 'occasional', occasionalApart)})::int AS occasional,
           count(*) FILTER (WHERE ${viewSql(sql, 'excluded', occasionalApart)})::int AS excluded,
           count(*)::int AS file
      FROM contact_winback w
      LEFT JOIN LATERAL (
        SELECT l.exclusion FROM lost_reasons l WHERE l.contact_id = w.contact_id ORDER BY l.id DESC LIMIT 1) lr ON true
     WHERE w.former_since IS NOT NULL`;
  return row!;
}
