import type { FieldType, Operator } from './operators';

/** How the builder groups fields; a new area of the product adds its own. */
export const FIELD_CATEGORIES = [
  'contact',
  'consents',
  'orders',
  'interactions',
  'campaigns',
  'indicators',
  'winback',
] as const;
export type FieldCategory = (typeof FIELD_CATEGORIES)[number];

/**
 * What a rule may say about a field, without the SQL: the API sends these to the builder and checks rules
 * against them. The catalogue with the SQL is packages/db/src/queries/segment-fields.ts.
 */
export interface SegmentFieldSpec {
  /** stable key stored in saved segments, e.g. `contact.city`, `indicators.tier` */
  key: string;
  /** i18n key of its label */
  labelKey: string;
  category: FieldCategory;
  type: FieldType;
  /** a narrower set than the type allows (in the type's order) */
  operators?: readonly Operator[];
  /** the values of an `enum` field; their labels are `${optionLabelPrefix}.${value}` */
  options?: readonly string[];
  optionLabelPrefix?: string;
  /** what a number means, for display: a percentage, a count of days, a score out of 10... */
  unit?: 'percent' | 'days' | 'score';
  /** an aggregate over the last `windowDays` days: the rule must say how many (the builder starts with this) */
  defaultWindowDays?: number;
  /** set when the field cannot be used yet: the reason, shown in the builder and returned as the error */
  unavailable?: string;
}

/** The operators a field allows. */
export const operatorsOf = (field: SegmentFieldSpec, byType: Record<FieldType, readonly Operator[]>) =>
  field.operators ?? byType[field.type];
