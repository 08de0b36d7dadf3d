import { z } from 'zod';
import { assertNever } from '../vocabulary';
import { allQuestions, type Question, type SurveyDefinition } from './survey-definition';

/** "Don't know": an answer to a satisfaction question that counts in no mean. */
export const DONT_KNOW = 'dont_know' as const;

/** What a respondent may give each kind of question (before checking it against the question itself). */
export const answerValueSchema = z.union([
  z.number().int(),
  z.literal(DONT_KNOW),
  z.string().max(10_000),
  z.array(z.string().max(40)).max(20),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;
export const answersInputSchema = z.record(z.string().max(40), answerValueSchema);
export type AnswersInput = z.infer<typeof answersInputSchema>;

export type Answers = Record<string, AnswerValue>;

export interface AnswerProblem {
  field: string;
  message: string;
}

export type CheckedAnswers =
  | { ok: true; answers: Answers; screenedOut: boolean }
  | { ok: false; problems: AnswerProblem[] };

const range = (q: Question): [number, number] | null => {
  switch (q.kind) {
    case 'satisfaction':
    case 'importance':
      return q.scale === 'four_level' ? [1, 4] : [1, 10];
    case 'recommend':
      return [0, 10];
    case 'buy_again':
      return [1, 4];
    case 'choice':
    case 'open':
      return null;
    default:
      return assertNever(q, 'question');
  }
};

function checkOne(q: Question, value: AnswerValue): string | null {
  switch (q.kind) {
    case 'choice': {
      const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : null;
      if (!values || values.length === 0) return 'Choose an answer';
      if (!q.multiple && values.length > 1) return 'Choose one answer only';
      const unknown = values.find((v) => !q.options.some((o) => o.value === v));
      return unknown === undefined ? null : `“${unknown}” is not one of this question’s answers`;
    }
    case 'satisfaction':
    case 'importance':
    case 'recommend':
    case 'buy_again': {
      if (value === DONT_KNOW)
        return q.kind === 'satisfaction' && q.dontKnow ? null : '“Don’t know” is not offered here';
      const [min, max] = range(q)!;
      return typeof value === 'number' && value >= min && value <= max
        ? null
        : `Choose a value from ${min} to ${max}`;
    }
    case 'open':
      if (typeof value !== 'string') return 'Write your answer as text';
      return value.length > q.maxLength
        ? `At most ${q.maxLength} characters (this answer has ${value.length})`
        : null;
    default:
      return assertNever(q, 'question');
  }
}

/**
 * Checks a respondent's answers against the questionnaire: every answer for a question it has, in the question's
 * scale; every required question answered — unless a filter question screened the respondent out, which ends the
 * survey there (the answers after it are dropped). Blank open answers count as not answered.
 */
export function checkAnswers(survey: SurveyDefinition, input: AnswersInput): CheckedAnswers {
  const problems: AnswerProblem[] = [];
  const answers: Answers = {};
  const questions = allQuestions(survey);
  const known = new Set(questions.map((q) => q.key));
  for (const k of Object.keys(input)) {
    if (!known.has(k)) problems.push({ field: k, message: 'This survey has no such question' });
  }
  let screenedOut = false;
  for (const q of questions) {
    if (screenedOut) break;
    let value = input[q.key];
    if (typeof value === 'string' && q.kind === 'open')
      value = value.trim() === '' ? undefined : value.trim();
    if (value === undefined) {
      if (q.required) problems.push({ field: q.key, message: 'Answer this question' });
      continue;
    }
    const problem = checkOne(q, value);
    if (problem) {
      problems.push({ field: q.key, message: problem });
      continue;
    }
    answers[q.key] = value;
    if (q.kind === 'choice') {
      const chosen = Array.isArray(value) ? value : [value as string];
      screenedOut = q.options.some((o) => o.screensOut && chosen.includes(o.value));
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers, screenedOut };
}
