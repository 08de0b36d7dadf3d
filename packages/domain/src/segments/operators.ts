/**
 * The segment rule vocabulary: the kinds of value a field holds and the operators each kind allows. A field
 * of the catalogue names its type (and may narrow the operators); a rule's operator must be one its field
 * allows, and the operator decides what the rule carries (nothing, one value, a range, a list, a number of days).
 */

export const FIELD_TYPES = [
  'number',
  'money',
  'text',
  'enum',
  'date',
  'boolean',
  'tags',
  'campaign',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Operators that take no value. */
export const NO_VALUE_OPERATORS = ['is_empty', 'is_not_empty', 'is_true', 'is_false'] as const;
/** Operators that take one value (a number, a text, or a `YYYY-MM-DD` date). */
export const SINGLE_VALUE_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'starts_with',
  'on',
  'before',
  'after',
] as const;
/** Operators that take two values, both included. */
export const RANGE_OPERATORS = ['between'] as const;
/** Operators that take a list of values. */
export const LIST_OPERATORS = ['in', 'not_in', 'has_any', 'has_all', 'has_none'] as const;
/** Operators that take a number of days counted back from now. */
export const DAYS_OPERATORS = ['within_last_days', 'more_than_days_ago'] as const;

export const OPERATORS = [
  ...NO_VALUE_OPERATORS,
  ...SINGLE_VALUE_OPERATORS,
  ...RANGE_OPERATORS,
  ...LIST_OPERATORS,
  ...DAYS_OPERATORS,
] as const;
export type Operator = (typeof OPERATORS)[number];

/** What each type allows, in the order the builder offers them. */
export const OPERATORS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  text: ['eq', 'neq', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  enum: ['in', 'not_in', 'is_empty', 'is_not_empty'],
  date: [
    'within_last_days',
    'more_than_days_ago',
    'on',
    'before',
    'after',
    'between',
    'is_empty',
    'is_not_empty',
  ],
  boolean: ['is_true', 'is_false'],
  tags: ['has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
  campaign: ['is_true', 'is_false'],
};

/** How many values a list may hold. A longer list belongs in a tag (import it), not in a rule. */
export const MAX_LIST_VALUES = 10_000;
/** How deep groups may nest (the top group counts as 1). */
export const MAX_DEPTH = 5;
/** How many rules one segment may hold, all groups together. */
export const MAX_RULES = 100;
/** The longest text value. */
export const MAX_TEXT_LENGTH = 200;
/** The longest window or day count: ten years. */
export const MAX_DAYS = 3_650;
