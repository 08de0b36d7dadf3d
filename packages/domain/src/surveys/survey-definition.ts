import { z } from 'zod';
import { LOST_REASONS } from '../winback/vocabulary';

/**
 * A satisfaction or lost-customer questionnaire, built as the trade builds them (DOMAIN.md §5-6): filter questions
 * (is the respondent in the target, which kind of customer), overall satisfaction, then importance and satisfaction
 * for each component (price, delays, range, support...) and its criteria, habits of use, intention to buy again
 * and to recommend, an open question at the end. Every question has a stable `key`: a later wave that keeps a key
 * keeps the question, so waves compare.
 */

/**
 * The scales: four levels (very satisfied 4 … not satisfied at all 1) with an optional "don't know" that counts in
 * no mean, or a score from 1 to 10. Intention to recommend is always 0-10 (Net Promoter Score), intention to buy
 * again four levels (certainly 4 … certainly not 1).
 */
export const SCALES = ['four_level', 'score_10'] as const;
export type Scale = (typeof SCALES)[number];

export const SECTIONS = ['filter', 'overall', 'components', 'habits', 'intentions', 'open'] as const;
export type Section = (typeof SECTIONS)[number];

const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, {
    error: 'A key is lower-case letters, digits and _, starting with a letter',
  });
const label = z
  .string()
  .trim()
  .min(1, { error: 'Write the question' })
  .max(300, { error: 'At most 300 characters' });
const bilingual = z.object({ fr: label, en: label.optional() });
export type Bilingual = z.infer<typeof bilingual>;

const option = z.object({
  value: key,
  label: bilingual,
  /** a filter question's answer that puts the respondent out of the target: the survey ends there */
  screensOut: z.boolean().default(false),
  /** for the lost-customer barometer: the lost reason this answer records on the contact */
  lostReason: z.enum(LOST_REASONS).optional(),
});

const base = { key, label: bilingual, required: z.boolean().default(true) };

/** One question; `kind` says what it asks and how it is scored. */
export const questionSchema = z.discriminatedUnion('kind', [
  /** a filter or a habit: one answer among options (a filter may screen out) */
  z.object({
    ...base,
    kind: z.literal('choice'),
    multiple: z.boolean().default(false),
    options: z.array(option).min(2).max(20),
  }),
  /** overall satisfaction, or satisfaction with a criterion of a component */
  z.object({
    ...base,
    kind: z.literal('satisfaction'),
    scale: z.enum(SCALES),
    dontKnow: z.boolean().default(true),
  }),
  /** how much a component matters to the respondent (same scales: 4 = very important) */
  z.object({ ...base, kind: z.literal('importance'), scale: z.enum(SCALES) }),
  /** intention to recommend, 0-10 */
  z.object({ ...base, kind: z.literal('recommend') }),
  /** intention to buy again: certainly, probably, probably not, certainly not */
  z.object({ ...base, kind: z.literal('buy_again') }),
  /** free text, at most `maxLength` characters */
  z.object({ ...base, kind: z.literal('open'), maxLength: z.number().int().min(10).max(5000).default(2000) }),
]);
export type Question = z.output<typeof questionSchema>;
export type QuestionKind = Question['kind'];

/** A component (price, delays, support...): its importance, then satisfaction with each of its criteria. */
const componentSchema = z.object({
  key,
  label: bilingual,
  importance: questionSchema.refine((q) => q.kind === 'importance', {
    error: 'A component’s first question asks its importance',
  }),
  criteria: z
    .array(
      questionSchema.refine((q) => q.kind === 'satisfaction', { error: 'A criterion asks satisfaction' }),
    )
    .min(1, { error: 'A component has at least one criterion' })
    .max(12),
});

export const SURVEY_PURPOSES = ['satisfaction', 'lost_customers'] as const;
export type SurveyPurpose = (typeof SURVEY_PURPOSES)[number];

export const surveyDefinitionSchema = z
  .object({
    purpose: z.enum(SURVEY_PURPOSES),
    title: bilingual,
    intro: bilingual.optional(),
    filter: z.array(questionSchema).max(5).default([]),
    /** the overall satisfaction question: its key is what the results call "overall" */
    overall: questionSchema.refine((q) => q.kind === 'satisfaction', {
      error: 'Overall is a satisfaction question',
    }),
    components: z.array(componentSchema).max(12).default([]),
    habits: z.array(questionSchema).max(10).default([]),
    intentions: z.array(questionSchema).max(4).default([]),
    open: z.array(questionSchema).max(3).default([]),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    for (const q of allQuestions(s)) {
      if (seen.has(q.key))
        ctx.addIssue({
          code: 'custom',
          path: ['questions'],
          message: `Two questions share the key ${q.key}`,
        });
      seen.add(q.key);
    }
    s.filter.forEach((q, i) => {
      if (q.kind !== 'choice')
        ctx.addIssue({ code: 'custom', path: ['filter', i], message: 'A filter question is a choice' });
    });
  });
export type SurveyDefinition = z.output<typeof surveyDefinitionSchema>;
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;

/** Every question in the order the respondent sees them. */
export function allQuestions(
  s: Pick<SurveyDefinition, 'filter' | 'overall' | 'components' | 'habits' | 'intentions' | 'open'>,
): Question[] {
  return [
    ...s.filter,
    s.overall,
    ...s.components.flatMap((c) => [c.importance, ...c.criteria]),
    ...s.habits,
    ...s.intentions,
    ...s.open,
  ];
}

/** The component a question belongs to (its importance or one of its criteria), if any. */
export function componentOf(s: SurveyDefinition, questionKey: string): string | null {
  for (const c of s.components) {
    if (c.importance.key === questionKey || c.criteria.some((q) => q.key === questionKey)) return c.key;
  }
  return null;
}
