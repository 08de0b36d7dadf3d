import { z } from 'zod';
import {
  DAYS_OPERATORS,
  LIST_OPERATORS,
  MAX_DAYS,
  MAX_DEPTH,
  MAX_LIST_VALUES,
  MAX_RULES,
  MAX_TEXT_LENGTH,
  NO_VALUE_OPERATORS,
  RANGE_OPERATORS,
  SINGLE_VALUE_OPERATORS,
} from './operators';

/**
 * A segment: a tree of AND/OR groups whose leaves are rules on catalogue fields. This schema checks the shape
 * (limits, what each operator carries); whether the field exists and the values fit its type is checked
 * against the catalogue by `checkSegment`. Neither ever sees SQL: values are bound as parameters later.
 */

const scalar = z.union([
  z.number({ error: 'Enter a number' }).finite(),
  z
    .string({ error: 'Enter a value' })
    .trim()
    .min(1, { error: 'Enter a value' })
    .max(MAX_TEXT_LENGTH, { error: `At most ${MAX_TEXT_LENGTH} characters` }),
]);

const ruleBase = {
  kind: z.literal('rule'),
  field: z.string({ error: 'Choose a field' }).trim().min(1, { error: 'Choose a field' }).max(100),
  /** for fields that add up orders or interactions over a window: how many days back */
  windowDays: z
    .number({ error: 'Enter a number of days' })
    .int({ error: 'A whole number of days' })
    .min(1, { error: 'At least 1 day' })
    .max(MAX_DAYS, { error: `At most ${MAX_DAYS.toLocaleString('en')} days` })
    .optional(),
  /** for campaign-history fields: which campaign */
  campaignId: z.uuid({ error: 'Choose a campaign' }).optional(),
};

/** A list is measured before its values are read: a 100,000-value list is refused at once, with its size. */
const list = z
  .array(z.unknown(), { error: 'Give a list of values' })
  .min(1, { error: 'Give at least one value' })
  .check((ctx) => {
    if (ctx.value.length > MAX_LIST_VALUES)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `At most ${MAX_LIST_VALUES.toLocaleString('en')} values in one list (this one has ${ctx.value.length.toLocaleString('en')}): import them as a tag and use a tag rule instead`,
      });
  })
  .pipe(z.array(scalar));

export const segmentRuleSchema = z.discriminatedUnion(
  'operator',
  [
    z.object({ ...ruleBase, operator: z.enum(NO_VALUE_OPERATORS) }),
    z.object({ ...ruleBase, operator: z.enum(SINGLE_VALUE_OPERATORS), value: scalar }),
    z.object({
      ...ruleBase,
      operator: z.enum(RANGE_OPERATORS),
      value: z.tuple([scalar, scalar], { error: 'Give the lowest and the highest value' }),
    }),
    z.object({ ...ruleBase, operator: z.enum(LIST_OPERATORS), values: list }),
    z.object({
      ...ruleBase,
      operator: z.enum(DAYS_OPERATORS),
      days: z
        .number({ error: 'Enter a number of days' })
        .int({ error: 'A whole number of days' })
        .min(0, { error: 'At least 0 days' })
        .max(MAX_DAYS, { error: `At most ${MAX_DAYS.toLocaleString('en')} days` }),
    }),
  ],
  { error: 'Choose an operator' },
);
export type SegmentRule = z.infer<typeof segmentRuleSchema>;

export interface SegmentGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  /** true: the contacts that do NOT match the group ("excluding ...") */
  not?: boolean;
  children: SegmentNode[];
}
export type SegmentNode = SegmentRule | SegmentGroup;

export const segmentGroupSchema: z.ZodType<SegmentGroup> = z.lazy(() =>
  z.object({
    kind: z.literal('group'),
    combinator: z.enum(['and', 'or'], { error: 'Choose AND (all rules) or OR (any rule)' }),
    not: z.boolean().optional(),
    children: z
      .array(segmentNodeSchema)
      .min(1, { error: 'This group is empty: add a rule to it or remove it' }),
  }),
);

export const segmentNodeSchema: z.ZodType<SegmentNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [segmentRuleSchema, segmentGroupSchema as never], {
    error: 'Each item is a rule or a group',
  }),
);

/**
 * Depth and rule count, measured without recursion before anything else is read, so that a hostile
 * 20,000-level body gets a clear answer instead of a stack overflow.
 */
export function shapeProblems(value: unknown): string | null {
  let rules = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const children = (node as { children?: unknown }).children;
    if (Array.isArray(children)) {
      if (depth > MAX_DEPTH) return `Groups nest at most ${MAX_DEPTH} deep: move some rules up a level`;
      for (const child of children) stack.push({ node: child, depth: depth + 1 });
    } else if ((node as { kind?: unknown }).kind === 'rule') {
      rules += 1;
      if (rules > MAX_RULES) return `At most ${MAX_RULES} rules in one segment: split it into two segments`;
    }
  }
  return null;
}

/** A segment definition as sent by the builder or stored: its top group. */
export const segmentDefinitionSchema = z
  .unknown()
  .check((ctx) => {
    const problem = shapeProblems(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
  })
  .pipe(segmentGroupSchema);
export type SegmentDefinition = SegmentGroup;
