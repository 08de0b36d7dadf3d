import {
  ENGAGEMENT_EVENT_KINDS,
  RESPONSE_EVENT_KINDS,
  type SendEventKind,
} from '@relance/domain/dispatch/sends';
import { TIERS } from '@relance/domain/indicators';
import type { SegmentRule } from '@relance/domain/segments/definition';
import type { SegmentFieldSpec } from '@relance/domain/segments/fields';
import { CONSENT_STATUSES, CONTACT_KINDS } from '@relance/domain/vocabulary';
import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { contacts } from '../schema/contacts';
import { contactIndicators } from '../schema/indicators';
import { WINBACK_SEGMENT_FIELDS } from './segment-fields-winback';

/**
 * THE segment field catalogue: every field a rule may use, with its label key, type, operators and the SQL of
 * the contact's value. A rule can only ever name one of these keys, so SQL is built from this file alone,
 * with the rule's values bound as parameters.
 *
 * To add a field, add one entry: a key, a label key (in any locale file), a category, a type (which decides the
 * operators; `operators` narrows them) and `value`, the SQL expression of the contact's value, written over
 * `contacts` and what it joins:
 * - a column of `contacts`: `value: () => sql\`${contacts.city}\``;
 * - a table with at most one row per contact (indicators, win-back files): `perContact(table, table.contactId,
 *   table.column)` joins it once per query, however many rules use it;
 * - anything else (an aggregate over a window, a row per channel): `ctx.join(key, (alias) => joinSql)` with a
 *   LEFT JOIN that yields at most one row per contact, reused by every rule with the same key.
 * Values that are missing (no row) are NULL: when NULL means a value ("no orders" is 0), say so with `nullMeans`
 * rather than a coalesce, which would hide from PostgreSQL that most contacts have no row.
 */

export interface FieldContext {
  rule: SegmentRule;
  /** adds a LEFT JOIN once per query under `key`; `make` gets the alias to use, returns the alias */
  join: (key: string, make: (alias: SQL) => SQL) => SQL;
  /**
   * like `join`, for a table each of whose rows belongs to a contact that exists (its `contact_id` a foreign key
   * to contacts), at most one row per contact under `on`: `LEFT JOIN from ON contactId = contacts.id AND on`.
   * A count may start from such a table instead of contacts (segment-sql.ts, `CompiledSegment.countFrom`).
   */
  joinRows: (key: string, rows: (alias: SQL) => JoinedRows) => SQL;
}

/** A table joined by its contact id (`FieldContext.joinRows`). */
export interface JoinedRows {
  /** what follows JOIN or FROM: the table and its alias */
  from: SQL;
  /** its contact id column */
  contactId: SQL;
  /** what else picks the contact's row (a channel), if anything */
  on?: SQL;
}

export interface SegmentField extends SegmentFieldSpec {
  value: (ctx: FieldContext) => SQL;
  /**
   * what a NULL value means, when it means something: an option of an enum (no consent row: `unknown`), a number
   * (no orders in the window: 0). The value stays NULL in SQL so that comparisons stay strict (see segment-sql).
   */
  nullMeans?: string | number;
  /**
   * for a count: the rows it counts, as a subquery correlated to `contacts` (`SELECT 1 FROM … WHERE contact_id =
   * contacts.id AND …`). A rule that only asks whether there is any (≥ 1) or none (= 0) is compiled to EXISTS or
   * NOT EXISTS on it, which PostgreSQL plans as a semi- or anti-join with sound estimates, where `n = 0 OR n IS
   * NULL` over a LEFT JOIN looked to it like a handful of contacts (measured: 987,131 contacts estimated at 4,156,
   * and a plan twice as slow).
   */
  exists?: (ctx: FieldContext) => SQL;
}

/** The LEFT JOIN of a table joined by contact id (what `joinRows` adds to a segment's query). */
export const leftJoinRows = (r: JoinedRows): SQL =>
  sql`LEFT JOIN ${r.from} ON ${r.contactId} = ${contacts.id}${r.on ? sql` AND ${r.on}` : sql``}`;

/** The column of a table holding at most one row per contact (its primary key or a unique key). */
export const perContact =
  (table: PgTable, contactId: PgColumn, column: SQL | PgColumn) =>
  (ctx: FieldContext): SQL => {
    ctx.joinRows(`table:${getTableName(table)}`, () => ({
      from: sql`${table}`,
      contactId: sql`${contactId}`,
    }));
    return sql`${column}`;
  };

const column = (c: PgColumn | SQL) => () => sql`${c}`;
const indicator = (c: PgColumn | SQL) => perContact(contactIndicators, contactIndicators.contactId, c);
const label = (key: string) => `segments.fields.${key}`;
const days = (ctx: FieldContext) => ctx.rule.windowDays ?? 365;

/**
 * The moment just before the rule's window starts, once per statement: a scalar subquery is worked out once (an
 * InitPlan), where `now() - interval` written inline would be worked out again for every customer. The window is
 * [now() − N days, now()]; its orders are those after this moment (timestamps count in microseconds).
 */
const beforeWindow = (window: number) =>
  sql`(SELECT now() - make_interval(days => ${window}::int) - interval '1 microsecond')`;

/**
 * Orders over the rule's window, per contact, count and amount, exact: each customer's packed history
 * (contact_order_history, kept by triggers on orders) holds its order dates, oldest first, and the running
 * amount; `width_bucket` finds by binary search how many orders came before the window, so the count is the
 * rest and the amount the last running amount minus the one before the window. One row per customer, one join
 * shared by every window rule, whatever the windows; a contact without orders has no row (NULL, which
 * `nullMeans` reads as 0).
 */
const ordersInWindow = (what: 'n' | 'amount') => (ctx: FieldContext) => {
  const h = ctx.joinRows('orders:history', (a) => ({
    from: sql`contact_order_history ${a}`,
    contactId: sql`${a}.contact_id`,
  }));
  const before = sql`width_bucket(${beforeWindow(days(ctx))}, ${h}.ordered_at)`;
  return what === 'n'
    ? sql`(cardinality(${h}.ordered_at) - ${before})`
    : sql`(${h}.amount_total - coalesce(${h}.amount_upto[${before}], 0))`;
};

/** Interactions of one kind over the rule's window, per contact. */
const interactionsInWindow = (kind: 'complaint' | 'after_sales') => (ctx: FieldContext) => {
  const window = days(ctx);
  const alias = ctx.join(
    `interactions:${kind}:${window}`,
    (a) => sql`LEFT JOIN (
      SELECT contact_id, count(*) AS n FROM interactions
       WHERE kind = ${kind}::interaction_kind AND occurred_at >= now() - make_interval(days => ${window}::int)
       GROUP BY contact_id
    ) ${a} ON ${a}.contact_id = ${contacts.id}`,
  );
  return sql`${alias}.n`;
};

/** The interactions of one kind over the rule's window of a contact, for "any" and "none" (`exists`). */
const interactionsExist = (kind: 'complaint' | 'after_sales') => (ctx: FieldContext) =>
  sql`SELECT 1 FROM interactions i WHERE i.contact_id = ${contacts.id} AND i.kind = ${kind}::interaction_kind
         AND i.occurred_at >= now() - make_interval(days => ${days(ctx)}::int)`;

/** The current consent on a channel; no row is "unknown" (`nullMeans`). */
const consent = (channel: string) => (ctx: FieldContext) => {
  const alias = ctx.joinRows(`consent:${channel}`, (a) => ({
    from: sql`consents ${a}`,
    contactId: sql`${a}.contact_id`,
    on: sql`${a}.channel = ${channel}::channel`,
  }));
  return sql`${alias}.status`;
};

/**
 * What a contact got from a campaign and did with it, from the dispatch tables: a send that went out
 * (`received`), an open (a click counts: images are often blocked), a click, a response or a sale. The sends are
 * reached through the campaign's steps (UNIQUE (step, contact) indexes them), never by scanning every send.
 */
type CampaignHistory = 'received' | 'opened' | 'clicked' | 'responded';
const HISTORY_EVENTS: Record<Exclude<CampaignHistory, 'received'>, readonly SendEventKind[]> = {
  opened: ENGAGEMENT_EVENT_KINDS,
  clicked: ['clicked'],
  responded: RESPONSE_EVENT_KINDS,
};
const campaignHistory = (what: CampaignHistory) => (ctx: FieldContext) => {
  const campaignId = ctx.rule.campaignId!;
  const alias = ctx.join(`campaign:${what}:${campaignId}`, (a) => {
    const members =
      what === 'received'
        ? sql`SELECT DISTINCT s.contact_id FROM campaign_steps st JOIN sends s ON s.step_id = st.id
               WHERE st.campaign_id = ${campaignId}::uuid AND s.status = 'sent'`
        : sql`SELECT DISTINCT s.contact_id FROM campaign_steps st JOIN sends s ON s.step_id = st.id
               JOIN send_events e ON e.send_id = s.id
               WHERE st.campaign_id = ${campaignId}::uuid
                 AND e.kind::text = ANY(${sql.param([...HISTORY_EVENTS[what]])}::text[])`;
    return sql`LEFT JOIN (${members}) ${a} ON ${a}.contact_id = ${contacts.id}`;
  });
  return sql`${alias}.contact_id IS NOT NULL`;
};

/** A count or a sum is never empty (no orders is 0): the comparisons only. */
const COUNT_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'] as const;

const consentField = (channel: string): SegmentField => ({
  key: `consent.${channel}`,
  labelKey: label(`consent.${channel}`),
  category: 'consents',
  type: 'enum',
  operators: ['in', 'not_in'],
  options: CONSENT_STATUSES,
  optionLabelPrefix: 'segments.consentStatus',
  nullMeans: 'unknown',
  value: consent(channel),
});

const text = (key: string, c: PgColumn): SegmentField => ({
  key: `contact.${key}`,
  labelKey: label(`contact.${key}`),
  category: 'contact',
  type: 'text',
  value: column(c),
});

const campaignField = (what: CampaignHistory): SegmentField => ({
  key: `campaign.${what}`,
  labelKey: label(`campaign.${what}`),
  category: 'campaigns',
  type: 'campaign',
  value: campaignHistory(what),
});

export const SEGMENT_FIELDS: readonly SegmentField[] = [
  // the contact file
  {
    key: 'contact.kind',
    labelKey: label('contact.kind'),
    category: 'contact',
    type: 'enum',
    options: CONTACT_KINDS,
    optionLabelPrefix: 'segments.contactKind',
    value: column(contacts.kind),
  },
  text('lastName', contacts.lastName),
  text('firstName', contacts.firstName),
  text('companyName', contacts.companyName),
  text('jobTitle', contacts.jobTitle),
  text('email', contacts.email),
  text('mobile', contacts.mobile),
  text('phone', contacts.phone),
  text('postalCode', contacts.postalCode),
  text('city', contacts.city),
  text('country', contacts.country),
  {
    key: 'contact.tags',
    labelKey: label('contact.tags'),
    category: 'contact',
    type: 'tags',
    value: column(contacts.tags),
  },
  {
    key: 'contact.createdAt',
    labelKey: label('contact.createdAt'),
    category: 'contact',
    type: 'date',
    value: column(contacts.createdAt),
  },
  // consents
  consentField('email'),
  consentField('sms'),
  consentField('voice'),
  consentField('postal'),
  consentField('phone'),
  // order history
  {
    key: 'orders.lastOrderAt',
    labelKey: label('orders.lastOrderAt'),
    category: 'orders',
    type: 'date',
    value: indicator(contactIndicators.lastOrderAt),
  },
  {
    key: 'orders.daysSinceLastOrder',
    labelKey: label('orders.daysSinceLastOrder'),
    category: 'orders',
    type: 'number',
    unit: 'days',
    value: indicator(sql`floor(extract(epoch FROM now() - ${contactIndicators.lastOrderAt}) / 86400)`),
  },
  {
    key: 'orders.firstOrderAt',
    labelKey: label('orders.firstOrderAt'),
    category: 'orders',
    type: 'date',
    value: indicator(contactIndicators.firstOrderAt),
  },
  {
    key: 'orders.singleOrder',
    labelKey: label('orders.singleOrder'),
    category: 'orders',
    type: 'boolean',
    value: indicator(sql`${contactIndicators.orderCount} = 1`),
  },
  {
    key: 'orders.count',
    labelKey: label('orders.count'),
    category: 'orders',
    type: 'number',
    operators: COUNT_OPERATORS,
    nullMeans: 0,
    value: indicator(contactIndicators.orderCount),
  },
  {
    key: 'orders.countInWindow',
    labelKey: label('orders.countInWindow'),
    category: 'orders',
    type: 'number',
    operators: COUNT_OPERATORS,
    nullMeans: 0,
    defaultWindowDays: 365,
    value: ordersInWindow('n'),
  },
  {
    key: 'orders.amountInWindow',
    labelKey: label('orders.amountInWindow'),
    category: 'orders',
    type: 'money',
    operators: COUNT_OPERATORS,
    nullMeans: 0,
    defaultWindowDays: 365,
    value: ordersInWindow('amount'),
  },
  // interactions
  {
    key: 'interactions.complaintsInWindow',
    labelKey: label('interactions.complaintsInWindow'),
    category: 'interactions',
    type: 'number',
    operators: COUNT_OPERATORS,
    nullMeans: 0,
    defaultWindowDays: 90,
    value: interactionsInWindow('complaint'),
    exists: interactionsExist('complaint'),
  },
  {
    key: 'interactions.afterSalesInWindow',
    labelKey: label('interactions.afterSalesInWindow'),
    category: 'interactions',
    type: 'number',
    operators: COUNT_OPERATORS,
    nullMeans: 0,
    defaultWindowDays: 90,
    value: interactionsInWindow('after_sales'),
    exists: interactionsExist('after_sales'),
  },
  // campaign history
  campaignField('received'),
  campaignField('opened'),
  campaignField('clicked'),
  campaignField('responded'),
  // computed indicators
  {
    key: 'indicators.tier',
    labelKey: label('indicators.tier'),
    category: 'indicators',
    type: 'enum',
    options: TIERS,
    optionLabelPrefix: 'segments.tier',
    value: indicator(contactIndicators.tier),
  },
  ...(
    [
      ['recencyScore', contactIndicators.recencyScore],
      ['frequencyScore', contactIndicators.frequencyScore],
      ['monetaryScore', contactIndicators.monetaryScore],
    ] as const
  ).map(
    ([key, c]): SegmentField => ({
      key: `indicators.${key}`,
      labelKey: label(`indicators.${key}`),
      category: 'indicators',
      type: 'number',
      unit: 'score',
      value: indicator(c),
    }),
  ),
  ...(
    [
      ['revenue', contactIndicators.revenueCents],
      ['margin', contactIndicators.marginCents],
      ['averageBasket', contactIndicators.averageBasketCents],
      // revenue over the indicators' trend window (180 days by default) and the same length before
      ['revenueRecent', contactIndicators.revenueRecentCents],
      ['revenuePrevious', contactIndicators.revenuePreviousCents],
    ] as const
  ).map(
    ([key, c]): SegmentField => ({
      key: `indicators.${key}`,
      labelKey: label(`indicators.${key}`),
      category: 'indicators',
      type: 'money',
      value: indicator(c),
    }),
  ),
  {
    key: 'indicators.ordersPerYear',
    labelKey: label('indicators.ordersPerYear'),
    category: 'indicators',
    type: 'number',
    value: indicator(contactIndicators.ordersPerYear),
  },
  {
    key: 'indicators.revenueTrend',
    labelKey: label('indicators.revenueTrend'),
    category: 'indicators',
    type: 'number',
    unit: 'percent',
    // stored as a ratio (−0.5 = down by half); rules speak in percent
    value: indicator(sql`${contactIndicators.revenueTrend} * 100`),
  },
  {
    key: 'indicators.complaintCount',
    labelKey: label('indicators.complaintCount'),
    category: 'indicators',
    type: 'number',
    value: indicator(contactIndicators.complaintCount),
  },
  {
    key: 'indicators.afterSalesCount',
    labelKey: label('indicators.afterSalesCount'),
    category: 'indicators',
    type: 'number',
    value: indicator(contactIndicators.afterSalesCount),
  },
  // win-back: former customers, scores, signals, lost reasons
  ...WINBACK_SEGMENT_FIELDS,
];

const BY_KEY = new Map(SEGMENT_FIELDS.map((f) => [f.key, f]));
export const segmentField = (key: string): SegmentField | undefined => BY_KEY.get(key);

/** The catalogue as the builder needs it: everything but the SQL. */
export const segmentFieldSpecs = (): SegmentFieldSpec[] =>
  SEGMENT_FIELDS.map(({ value: _value, nullMeans: _nullMeans, ...spec }) => spec);
