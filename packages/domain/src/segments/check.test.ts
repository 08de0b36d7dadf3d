import { describe, expect, it } from 'vitest';
import { checkSegment, isIsoDate } from './check';
import { type SegmentDefinition, segmentDefinitionSchema } from './definition';
import type { SegmentFieldSpec } from './fields';

const FIELDS: SegmentFieldSpec[] = [
  { key: 'score', labelKey: 'score', category: 'winback', type: 'number' },
  { key: 'amount', labelKey: 'amount', category: 'orders', type: 'money', defaultWindowDays: 365 },
  { key: 'tier', labelKey: 'tier', category: 'indicators', type: 'enum', options: ['gold', 'low'] },
  { key: 'since', labelKey: 'since', category: 'winback', type: 'date' },
  { key: 'sent', labelKey: 'sent', category: 'campaigns', type: 'campaign', unavailable: 'Not yet' },
];
const lookup = (key: string) => FIELDS.find((f) => f.key === key);
const check = (definition: unknown) =>
  checkSegment(segmentDefinitionSchema.parse(definition) as SegmentDefinition, lookup).map(
    (e) => `${e.field}: ${e.message}`,
  );

describe('checkSegment', () => {
  it('accepts rules that fit their fields', () => {
    expect(
      check({
        kind: 'group',
        combinator: 'and',
        children: [
          { kind: 'rule', field: 'score', operator: 'between', value: [6, 10] },
          { kind: 'rule', field: 'amount', operator: 'gte', value: 10_000, windowDays: 90 },
          { kind: 'rule', field: 'tier', operator: 'in', values: ['gold'] },
          { kind: 'rule', field: 'since', operator: 'more_than_days_ago', days: 365 },
        ],
      }),
    ).toEqual([]);
  });

  it('names the rule to fix by its path through the groups', () => {
    expect(
      check({
        kind: 'group',
        combinator: 'or',
        children: [
          { kind: 'rule', field: 'score', operator: 'gte', value: 6 },
          {
            kind: 'group',
            combinator: 'and',
            not: true,
            children: [
              { kind: 'rule', field: 'nope', operator: 'is_empty' },
              { kind: 'rule', field: 'score', operator: 'between', value: [10, 6] },
              { kind: 'rule', field: 'amount', operator: 'gt', value: 10.5, windowDays: 30 },
              { kind: 'rule', field: 'tier', operator: 'in', values: ['gold', 'silver'] },
              { kind: 'rule', field: 'since', operator: 'before', value: '01/02/2026' },
              { kind: 'rule', field: 'sent', operator: 'is_true' },
              { kind: 'rule', field: 'tier', operator: 'contains', value: 'g' },
            ],
          },
        ],
      }),
    ).toEqual([
      'children.1.children.0.field: Unknown field "nope": choose a field from the list',
      'children.1.children.1.value: The lowest value comes first',
      'children.1.children.2.value: Enter an amount in cents (a whole number)',
      'children.1.children.3.values.1: Unknown value "silver": use one of gold, low',
      'children.1.children.4.value: Enter a date as YYYY-MM-DD',
      'children.1.children.5.field: Not yet',
      'children.1.children.6.operator: "contains" does not fit this field (a choice from a list): use in, not_in, is_empty, is_not_empty',
    ]);
  });

  it('asks for the window of an aggregate', () => {
    expect(
      check({
        kind: 'group',
        combinator: 'and',
        children: [{ kind: 'rule', field: 'amount', operator: 'gt', value: 1 }],
      }),
    ).toEqual(['children.0.windowDays: Say over how many days']);
  });

  it('knows real calendar days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-2')).toBe(false);
  });
});
