import type { FieldError } from '../errors';
import { assertNever } from '../vocabulary';
import type { SegmentDefinition, SegmentGroup, SegmentRule } from './definition';
import { operatorsOf, type SegmentFieldSpec } from './fields';
import { type FieldType, OPERATORS_BY_TYPE } from './operators';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` that is a real day (not 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const TYPE_HINT: Record<FieldType, string> = {
  number: 'a number',
  money: 'an amount in cents',
  text: 'a text',
  enum: 'a choice from a list',
  date: 'a date',
  boolean: 'yes or no',
  tags: 'tags',
  campaign: 'a campaign',
};

/** Why one value does not fit the field, or null. */
function valueProblem(field: SegmentFieldSpec, rule: SegmentRule, value: unknown): string | null {
  const dateOperator = rule.operator === 'on' || rule.operator === 'before' || rule.operator === 'after';
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? null : 'Enter a number';
    case 'money':
      return typeof value === 'number' && Number.isInteger(value)
        ? null
        : 'Enter an amount in cents (a whole number)';
    case 'text':
    case 'tags':
      return typeof value === 'string' ? null : 'Enter a text';
    case 'enum':
      return typeof value === 'string' && field.options?.includes(value)
        ? null
        : `Unknown value ${JSON.stringify(value).slice(0, 60)}: use one of ${field.options?.join(', ')}`;
    case 'date':
      return dateOperator || rule.operator === 'between'
        ? isIsoDate(value)
          ? null
          : 'Enter a date as YYYY-MM-DD'
        : null;
    case 'boolean':
    case 'campaign':
      return null;
    default:
      return assertNever(field.type, 'field type');
  }
}

function checkRule(
  rule: SegmentRule,
  path: string,
  lookup: (key: string) => SegmentFieldSpec | undefined,
): FieldError[] {
  const field = lookup(rule.field);
  if (!field)
    return [
      {
        field: `${path}.field`,
        message: `Unknown field ${JSON.stringify(rule.field.slice(0, 60))}: choose a field from the list`,
      },
    ];
  if (field.unavailable) return [{ field: `${path}.field`, message: field.unavailable }];
  const allowed = operatorsOf(field, OPERATORS_BY_TYPE);
  if (!allowed.includes(rule.operator))
    return [
      {
        field: `${path}.operator`,
        message: `"${rule.operator}" does not fit this field (${TYPE_HINT[field.type]}): use ${allowed.join(', ')}`,
      },
    ];
  const errors: FieldError[] = [];
  if (field.defaultWindowDays !== undefined && rule.windowDays === undefined)
    errors.push({ field: `${path}.windowDays`, message: 'Say over how many days' });
  if (field.type === 'campaign' && !rule.campaignId)
    errors.push({ field: `${path}.campaignId`, message: 'Choose a campaign' });
  switch (rule.operator) {
    case 'is_empty':
    case 'is_not_empty':
    case 'is_true':
    case 'is_false':
    case 'within_last_days':
    case 'more_than_days_ago':
      break;
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'on':
    case 'before':
    case 'after': {
      const problem = valueProblem(field, rule, rule.value);
      if (problem) errors.push({ field: `${path}.value`, message: problem });
      break;
    }
    case 'between': {
      const [low, high] = rule.value;
      const problem = valueProblem(field, rule, low) ?? valueProblem(field, rule, high);
      if (problem) errors.push({ field: `${path}.value`, message: problem });
      else if (typeof low !== typeof high || (low as number | string) > (high as number | string))
        errors.push({ field: `${path}.value`, message: 'The lowest value comes first' });
      break;
    }
    case 'in':
    case 'not_in':
    case 'has_any':
    case 'has_all':
    case 'has_none': {
      // one message for the first bad value: a 10,000-value list must not give 10,000 errors
      const index = rule.values.findIndex((v) => valueProblem(field, rule, v) !== null);
      if (index >= 0)
        errors.push({
          field: `${path}.values.${index}`,
          message: valueProblem(field, rule, rule.values[index])!,
        });
      break;
    }
    default:
      return assertNever(rule, 'operator');
  }
  return errors;
}

/**
 * Checks a segment against the field catalogue: known fields, operators that fit their type, values that fit
 * the field. Errors name the rule's path from the top group (`children.0.children.2.value`).
 */
export function checkSegment(
  definition: SegmentDefinition,
  lookup: (key: string) => SegmentFieldSpec | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (group: SegmentGroup, path: string): void => {
    group.children.forEach((child, i) => {
      const at = `${path}children.${i}`;
      if (child.kind === 'group') visit(child, `${at}.`);
      else errors.push(...checkRule(child, at, lookup));
    });
  };
  visit(definition, '');
  return errors;
}
