import {
  allQuestions,
  type Question,
  type QuestionKind,
  type SurveyDefinition,
} from '@relance/domain/surveys/survey-definition';
import { assertNever } from '@relance/domain/vocabulary';

/** The sections that hold a list of questions the marketer can add to, remove from and reorder. */
export const LIST_SECTIONS = ['filter', 'habits', 'intentions', 'open'] as const;
export type ListSection = (typeof LIST_SECTIONS)[number];

/** The kinds a question may take in each section (a filter is a choice; the open part is free text). */
export const KINDS_BY_SECTION: Record<ListSection, readonly QuestionKind[]> = {
  filter: ['choice'],
  habits: ['choice', 'satisfaction', 'importance', 'open'],
  intentions: ['buy_again', 'recommend', 'choice', 'satisfaction'],
  open: ['open'],
};

/** The first of base, base_2, base_3… that no question or component of the survey uses yet. */
export function uniqueKey(definition: SurveyDefinition, base: string): string {
  const used = new Set([
    ...allQuestions(definition).map((q) => q.key),
    ...definition.components.map((c) => c.key),
  ]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A question of `kind` keeping what carries over (key, label, required). */
export function questionOfKind(
  kind: QuestionKind,
  from: Pick<Question, 'key' | 'label' | 'required'>,
): Question {
  const base = { key: from.key, label: from.label, required: from.required };
  switch (kind) {
    case 'choice':
      return {
        ...base,
        kind,
        multiple: false,
        options: [
          { value: 'a', label: { fr: '', en: '' }, screensOut: false },
          { value: 'b', label: { fr: '', en: '' }, screensOut: false },
        ],
      };
    case 'satisfaction':
      return { ...base, kind, scale: 'four_level', dontKnow: true };
    case 'importance':
      return { ...base, kind, scale: 'four_level' };
    case 'recommend':
    case 'buy_again':
      return { ...base, kind };
    case 'open':
      return { ...base, kind, maxLength: 2000 };
    default:
      return assertNever(kind, 'question kind');
  }
}

/** A new, blank question for a section (its first allowed kind), with a key of its own. */
export function newQuestion(definition: SurveyDefinition, section: ListSection): Question {
  const kind = KINDS_BY_SECTION[section][0]!;
  return questionOfKind(kind, {
    key: uniqueKey(definition, section === 'open' ? 'comment' : `${section}_question`),
    label: { fr: '', en: '' },
    required: section !== 'open',
  });
}

type Component = SurveyDefinition['components'][number];
type Criterion = Component['criteria'][number];

const blank = () => ({ fr: '', en: '' });
const criterionOf = (key: string): Criterion => ({
  key,
  kind: 'satisfaction',
  scale: 'four_level',
  dontKnow: true,
  label: blank(),
  required: true,
});

/** A new component with its importance question and one criterion. */
export function newComponent(definition: SurveyDefinition): Component {
  const key = uniqueKey(definition, 'component');
  return {
    key,
    label: blank(),
    importance: {
      key: `${key}_importance`,
      kind: 'importance',
      scale: 'four_level',
      label: blank(),
      required: true,
    },
    criteria: [criterionOf(`${key}_criterion`)],
  };
}

/** A new criterion (satisfaction, four levels) for component `index`. */
export function newCriterion(definition: SurveyDefinition, index: number): Criterion {
  const component = definition.components[index]!;
  return criterionOf(uniqueKey(definition, `${component.key}_criterion`));
}

/** The list with item `index` moved by `delta` (−1 up, +1 down); unchanged at the ends. */
export function moved<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

export const removed = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** A copy of the definition changed by `change` (the editor's only way to write its draft). */
export function edited(
  definition: SurveyDefinition,
  change: (draft: SurveyDefinition) => void,
): SurveyDefinition {
  const draft = structuredClone(definition);
  change(draft);
  return draft;
}

/** Empty English labels left out (the French one is shown instead), so that "not translated" stays valid. */
export function forSaving(definition: SurveyDefinition): SurveyDefinition {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === 'en' && typeof v === 'string' && v.trim() === '') continue;
        out[k] = strip(v);
      }
      return out;
    }
    return value;
  };
  const out = strip(definition) as SurveyDefinition;
  // an intro left blank is no intro
  if (out.intro && out.intro.fr.trim() === '') delete out.intro;
  return out;
}

/** Field errors under a path (`definition.filter.0` → its key, label, options…), keyed by the rest of the path. */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (field === prefix) out[''] = message;
    else if (field.startsWith(`${prefix}.`)) out[field.slice(prefix.length + 1)] = message;
  }
  return out;
}

/**
 * A list item's React key: its place and the list's length (items have no identity of their own — their key is
 * what the marketer edits — so a move or a removal remounts the list, which keeps inputs from swapping values).
 */
export const slot = (...parts: (string | number)[]): string => parts.join('-');
