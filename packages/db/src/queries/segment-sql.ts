import { AppError, type FieldError } from '@relance/domain/errors';
import { checkSegment } from '@relance/domain/segments/check';
import type {
  SegmentDefinition,
  SegmentGroup,
  SegmentNode,
  SegmentRule,
} from '@relance/domain/segments/definition';
import { assertNever } from '@relance/domain/vocabulary';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { contacts } from '../schema/contacts';
import { type JoinedRows, leftJoinRows, type SegmentField, segmentField } from './segment-fields';

/** The workspace's time zone: a rule's calendar day ("ordered before 2026-01-01") is a day in Paris. */
const TIME_ZONE = 'Europe/Paris';

export interface CompiledSegment {
  /** the LEFT JOINs the rules need, to put after `FROM contacts` */
  joins: SQL;
  /** the condition on one contact (over `contacts` and the joins) */
  where: SQL;
  /**
   * for a count, `FROM … WHERE …` without reading contacts when it can: when a rule that every member passes
   * needs a row of a table joined by contact id (a consent, the order history, the indicators) and no rule reads
   * the contact's own columns, the count starts from that table, `contacts.id` being its contact id (a LATERAL
   * alias, which PostgreSQL folds away): every row of it belongs to a contact (a foreign key), so the members
   * are the same, without probing contacts for each (measured on the 365-day amount segment, 160,090 members:
   * about 300 ms → 205-270 ms). Otherwise
   * `FROM contacts` and the joins.
   */
  countFrom: SQL;
}

const startOfDay = (day: string | number) => sql`((${day}::date)::timestamp AT TIME ZONE ${TIME_ZONE})`;
const startOfNextDay = (day: string | number) =>
  sql`((${day}::date + 1)::timestamp AT TIME ZONE ${TIME_ZONE})`;
const normalised = (value: SQL) => sql`relance_search_text(${value})`;
const textList = (values: readonly (string | number)[]) => sql.param(values.map(String));
/** NULL-safe negation: a contact with no value is "not" anything. */
const isNot = (condition: SQL) => sql`(${condition}) IS NOT TRUE`;

/**
 * A number as a typed parameter: whole numbers as bigint, so that an integer column keeps its index and its
 * statistics (int4 and int8 compare within one operator family), others as numeric.
 */
const num = (value: string | number) =>
  Number.isInteger(value) ? sql`${value}::bigint` : sql`${value}::numeric`;

/** Whether a number passes the rule: used for what a missing value means (no orders in the window: 0). */
function numberHolds(value: number, rule: SegmentRule): boolean {
  switch (rule.operator) {
    case 'eq':
      return value === rule.value;
    case 'neq':
      return value !== rule.value;
    case 'gt':
      return value > (rule.value as number);
    case 'gte':
      return value >= (rule.value as number);
    case 'lt':
      return value < (rule.value as number);
    case 'lte':
      return value <= (rule.value as number);
    case 'between':
      return value >= (rule.value[0] as number) && value <= (rule.value[1] as number);
    default:
      return unexpected(rule);
  }
}

/**
 * Whether a rule on a count only asks if there is any row (≥ 1, > 0, ≠ 0) or none (= 0, < 1, ≤ 0): compiled to
 * EXISTS / NOT EXISTS when the field says what it counts (`exists`), else null.
 */
export function presenceOf(rule: SegmentRule): 'any' | 'none' | null {
  const v = 'value' in rule ? rule.value : undefined;
  if (typeof v !== 'number') return null;
  switch (rule.operator) {
    case 'gte':
      return v > 0 && v <= 1 ? 'any' : null;
    case 'gt':
      return v >= 0 && v < 1 ? 'any' : null;
    case 'neq':
      return v === 0 ? 'any' : null;
    case 'eq':
      return v === 0 ? 'none' : null;
    case 'lt':
      return v > 0 && v <= 1 ? 'none' : null;
    case 'lte':
      return v >= 0 && v < 1 ? 'none' : null;
    default:
      return null;
  }
}

/**
 * Comparisons stay strict (a NULL fails them), so that PostgreSQL may turn the LEFT JOIN behind them into a
 * join and start from the most selective side; a field whose NULL means a number (`nullMeans`: no orders in the
 * window is 0) adds `OR expr IS NULL` only when that number passes.
 */
function numberCondition(field: SegmentField, expr: SQL, rule: SegmentRule): SQL {
  const strict = (() => {
    switch (rule.operator) {
      case 'eq':
        return sql`${expr} = ${num(rule.value)}`;
      case 'neq':
        return field.nullMeans === undefined
          ? sql`${expr} IS DISTINCT FROM ${num(rule.value)}`
          : sql`${expr} <> ${num(rule.value)}`;
      case 'gt':
        return sql`${expr} > ${num(rule.value)}`;
      case 'gte':
        return sql`${expr} >= ${num(rule.value)}`;
      case 'lt':
        return sql`${expr} < ${num(rule.value)}`;
      case 'lte':
        return sql`${expr} <= ${num(rule.value)}`;
      case 'between':
        return sql`${expr} BETWEEN ${num(rule.value[0])} AND ${num(rule.value[1])}`;
      default:
        return unexpected(rule);
    }
  })();
  return typeof field.nullMeans === 'number' && numberHolds(field.nullMeans, rule)
    ? sql`(${strict} OR ${expr} IS NULL)`
    : strict;
}

/** Texts compare without case or accents, like the contacts search. */
function textCondition(expr: SQL, rule: SegmentRule): SQL {
  const left = normalised(expr);
  switch (rule.operator) {
    case 'eq':
      return sql`${left} = ${normalised(sql`${rule.value}::text`)}`;
    case 'neq':
      return sql`${left} IS DISTINCT FROM ${normalised(sql`${rule.value}::text`)}`;
    case 'contains':
      return sql`strpos(${left}, ${normalised(sql`${rule.value}::text`)}) > 0`;
    case 'not_contains':
      return isNot(sql`strpos(${left}, ${normalised(sql`${rule.value}::text`)}) > 0`);
    case 'starts_with':
      return sql`starts_with(${left}, ${normalised(sql`${rule.value}::text`)})`;
    case 'in':
      return sql`${left} IN (SELECT relance_search_text(v) FROM unnest(${textList(rule.values)}::text[]) AS v)`;
    case 'not_in':
      return isNot(
        sql`${left} IN (SELECT relance_search_text(v) FROM unnest(${textList(rule.values)}::text[]) AS v)`,
      );
    default:
      return unexpected(rule);
  }
}

function dateCondition(expr: SQL, rule: SegmentRule): SQL {
  switch (rule.operator) {
    case 'within_last_days':
      return sql`${expr} >= now() - make_interval(days => ${rule.days}::int)`;
    case 'more_than_days_ago':
      return sql`${expr} < now() - make_interval(days => ${rule.days}::int)`;
    case 'on':
      return sql`(${expr} >= ${startOfDay(rule.value)} AND ${expr} < ${startOfNextDay(rule.value)})`;
    case 'before':
      return sql`${expr} < ${startOfDay(rule.value)}`;
    case 'after':
      return sql`${expr} >= ${startOfNextDay(rule.value)}`;
    case 'between':
      return sql`(${expr} >= ${startOfDay(rule.value[0])} AND ${expr} < ${startOfNextDay(rule.value[1])})`;
    default:
      return unexpected(rule);
  }
}

function tagsCondition(expr: SQL, rule: SegmentRule): SQL {
  switch (rule.operator) {
    case 'has_any':
      return sql`${expr} && ${textList(rule.values)}::text[]`;
    case 'has_all':
      return sql`${expr} @> ${textList(rule.values)}::text[]`;
    case 'has_none':
      return isNot(sql`${expr} && ${textList(rule.values)}::text[]`);
    case 'is_empty':
      return sql`coalesce(cardinality(${expr}), 0) = 0`;
    case 'is_not_empty':
      return sql`cardinality(${expr}) > 0`;
    default:
      return unexpected(rule);
  }
}

/**
 * The choices as untyped parameters, which PostgreSQL reads as the column's own type (an enum keeps its index
 * and statistics; the values were checked against the field's options). A field whose NULL means one of its
 * choices (no consent row is "unknown") counts NULL in or out with it.
 */
function enumCondition(field: SegmentField, expr: SQL, rule: SegmentRule): SQL {
  if (rule.operator !== 'in' && rule.operator !== 'not_in') return unexpected(rule);
  const values = rule.values.map(String);
  const withNull = field.nullMeans !== undefined && values.includes(String(field.nullMeans));
  const among = sql`${expr} IN (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
  if (rule.operator === 'in') return withNull ? sql`(${among} OR ${expr} IS NULL)` : among;
  // not_in: a NULL is out when it means a listed choice, in otherwise
  return withNull ? sql`(NOT ${among} AND ${expr} IS NOT NULL)` : isNot(among);
}

function unexpected(rule: SegmentRule): never {
  // checkSegment refuses operators that do not fit their field before anything is compiled
  throw new Error(`Operator ${rule.operator} reached the compiler for ${rule.field}`);
}

/**
 * Whether a rule fails for a contact whose value is NULL (no row in its table): then every member has a row. The
 * conditions that let NULL through are `is_empty`, a `nullMeans` that passes, IS DISTINCT FROM and IS NOT TRUE
 * (`neq` without `nullMeans`, `not_in` and the negations of texts and tags); only the comparisons of numbers,
 * choices and dates are counted strict here, the rest are not (a count then starts from contacts).
 */
function failsOnNull(field: SegmentField, rule: SegmentRule): boolean {
  if (rule.operator === 'is_empty') return false;
  if (rule.operator === 'is_not_empty') return true;
  switch (field.type) {
    case 'number':
    case 'money':
      if (rule.operator === 'neq' && field.nullMeans === undefined) return false;
      return !(typeof field.nullMeans === 'number' && numberHolds(field.nullMeans, rule));
    case 'enum':
      return (
        rule.operator === 'in' &&
        !(field.nullMeans !== undefined && rule.values.map(String).includes(String(field.nullMeans)))
      );
    case 'date':
      return true;
    case 'text':
    case 'boolean':
    case 'campaign':
    case 'tags':
      return false;
    default:
      return assertNever(field.type, 'field type');
  }
}

function ruleCondition(field: SegmentField, expr: SQL, rule: SegmentRule): SQL {
  if (rule.operator === 'is_empty' && field.type !== 'tags')
    return field.type === 'text' ? sql`nullif(btrim(${expr}), '') IS NULL` : sql`${expr} IS NULL`;
  if (rule.operator === 'is_not_empty' && field.type !== 'tags')
    return field.type === 'text' ? sql`nullif(btrim(${expr}), '') IS NOT NULL` : sql`${expr} IS NOT NULL`;
  switch (field.type) {
    case 'number':
    case 'money':
      return numberCondition(field, expr, rule);
    case 'text':
      return textCondition(expr, rule);
    case 'enum':
      return enumCondition(field, expr, rule);
    case 'date':
      return dateCondition(expr, rule);
    case 'boolean':
    case 'campaign':
      if (rule.operator === 'is_true') return sql`(${expr}) IS TRUE`;
      if (rule.operator === 'is_false') return sql`(${expr}) IS NOT TRUE`;
      return unexpected(rule);
    case 'tags':
      return tagsCondition(expr, rule);
    default:
      return assertNever(field.type, 'field type');
  }
}

/** Field errors under `prefix` (the request's name for the definition). */
export function segmentErrors(definition: SegmentDefinition, prefix = 'definition'): FieldError[] {
  return checkSegment(definition, segmentField).map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
}

/** The campaigns the rules name (campaign-history rules), with the path of each rule. */
function campaignReferences(definition: SegmentDefinition): { path: string; id: string }[] {
  const found: { path: string; id: string }[] = [];
  const visit = (group: SegmentGroup, path: string): void => {
    group.children.forEach((child, i) => {
      const at = `${path}children.${i}`;
      if (child.kind === 'group') visit(child, `${at}.`);
      else if (child.campaignId && segmentField(child.field)?.type === 'campaign')
        found.push({ path: `${at}.campaignId`, id: child.campaignId });
    });
  };
  visit(definition, '');
  return found;
}

/**
 * Compiles a segment after checking what only the database knows: that the campaigns its rules name exist.
 * What every query of a segment calls.
 */
export async function prepareSegment(
  db: Db,
  definition: SegmentDefinition,
  prefix = 'definition',
): Promise<CompiledSegment> {
  const compiled = compileSegment(definition, prefix);
  const references = campaignReferences(definition);
  if (references.length) {
    const ids = [...new Set(references.map((r) => r.id))];
    const rows = await db.execute<{ id: string }>(
      sql`SELECT id::text AS id FROM campaigns WHERE id = ANY(${sql.param(ids)}::uuid[])`,
    );
    const known = new Set(rows.map((r) => r.id));
    const missing = references.filter((r) => !known.has(r.id));
    if (missing.length)
      throw AppError.validation(
        'Some rules name a campaign that does not exist.',
        missing.map((r) => ({
          field: `${prefix}.${r.path}`,
          message: 'No campaign has this id: choose one from the list',
        })),
      );
  }
  return compiled;
}

/**
 * Compiles a segment to SQL over `contacts`: fields come from the catalogue only, values are bound parameters.
 * A rule that does not fit the catalogue is a 422 with every problem, before anything runs.
 */
export function compileSegment(definition: SegmentDefinition, prefix = 'definition'): CompiledSegment {
  const errors = segmentErrors(definition, prefix);
  if (errors.length)
    throw AppError.validation('Some rules of the segment need fixing: see each rule.', errors);
  const joins = new Map<string, { alias: SQL; clause: SQL }>();
  /** the joins made by `joinRows`: tables joined by contact id, where a count may start */
  const rowsOf = new Map<string, JoinedRows>();
  /** the join keys the rule being compiled uses */
  let used = new Set<string>();
  const join = (key: string, make: (alias: SQL) => SQL): SQL => {
    used.add(key);
    const known = joins.get(key);
    if (known) return known.alias;
    const alias = sql`${sql.identifier(`j${joins.size + 1}`)}`;
    joins.set(key, { alias, clause: make(alias) });
    return alias;
  };
  const joinRows = (key: string, rows: (alias: SQL) => JoinedRows): SQL =>
    join(key, (alias) => {
      const r = rows(alias);
      rowsOf.set(key, r);
      return leftJoinRows(r);
    });
  // the tables a rule at the top of an AND needs a row of (every member has one), and whether any rule reads
  // the contact's own columns
  const required = new Set<string>();
  let readsContact = false;
  const visit = (node: SegmentNode, top: boolean): SQL => {
    if (node.kind === 'group') {
      const topOfAnd = top && node.combinator === 'and' && !node.not;
      const inner = sql.join(
        node.children.map((child) => visit(child, topOfAnd)),
        node.combinator === 'and' ? sql` AND ` : sql` OR `,
      );
      return node.not ? isNot(inner) : sql`(${inner})`;
    }
    const field = segmentField(node.field)!;
    if (field.category === 'contact') readsContact = true;
    used = new Set();
    const ctx = { rule: node, join, joinRows };
    const presence = field.exists ? presenceOf(node) : null;
    if (presence && field.exists) {
      const rows = field.exists(ctx);
      return presence === 'any' ? sql`(EXISTS (${rows}))` : sql`(NOT EXISTS (${rows}))`;
    }
    const condition = sql`(${ruleCondition(field, field.value(ctx), node)})`;
    if (top && used.size === 1 && failsOnNull(field, node)) required.add([...used][0]!);
    return condition;
  };
  const where = visit(definition, true);
  const joinList = [...joins.entries()];
  const allJoins = sql.join(
    joinList.map(([, j]) => j.clause),
    sql` `,
  );
  // the first required table joined by contact id: the count starts from it
  const anchorKey = readsContact
    ? undefined
    : [...joins.keys()].find((key) => rowsOf.has(key) && required.has(key));
  const anchor = anchorKey === undefined ? undefined : rowsOf.get(anchorKey)!;
  const countFrom = anchor
    ? sql`FROM ${anchor.from} CROSS JOIN LATERAL (SELECT ${anchor.contactId} AS id) AS ${contacts}
          ${sql.join(
            joinList.filter(([key]) => key !== anchorKey).map(([, j]) => j.clause),
            sql` `,
          )}
         WHERE ${anchor.on ? sql`${anchor.on} AND ` : sql``}${where}`
    : sql`FROM ${contacts} ${allJoins} WHERE ${where}`;
  return { joins: allJoins, where, countFrom };
}
