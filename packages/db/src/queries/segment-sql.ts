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
import { type SegmentField, segmentField } from './segment-fields';

/** The workspace's time zone: a rule's calendar day ("ordered before 2026-01-01") is a day in Paris. */
const TIME_ZONE = 'Europe/Paris';

export interface CompiledSegment {
  /** the LEFT JOINs the rules need, to put after `FROM contacts` */
  joins: SQL;
  /** the condition on one contact (over `contacts` and the joins) */
  where: SQL;
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
  const join = (key: string, make: (alias: SQL) => SQL): SQL => {
    const known = joins.get(key);
    if (known) return known.alias;
    const alias = sql`${sql.identifier(`j${joins.size + 1}`)}`;
    joins.set(key, { alias, clause: make(alias) });
    return alias;
  };
  const visit = (node: SegmentNode): SQL => {
    if (node.kind === 'group') {
      const inner = sql.join(node.children.map(visit), node.combinator === 'and' ? sql` AND ` : sql` OR `);
      return node.not ? isNot(inner) : sql`(${inner})`;
    }
    const field = segmentField(node.field)!;
    return sql`(${ruleCondition(field, field.value({ rule: node, join }), node)})`;
  };
  const where = visit(definition);
  return {
    joins: sql.join(
      [...joins.values()].map((j) => j.clause),
      sql` `,
    ),
    where,
  };
}
