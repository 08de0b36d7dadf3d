import type { AnswersInput, AnswerValue } from '@relance/domain/surveys/survey-answers';
import type { Question, Section, SurveyDefinition } from '@relance/domain/surveys/survey-definition';

/** One titled part of the answer page; components are sub-parts (their importance, then their criteria). */
export interface FormSection {
  section: Section;
  /** for a component: its key and label */
  component?: { key: string; label: SurveyDefinition['components'][number]['label'] };
  questions: Question[];
}

/** The answer page's parts, in the respondent's order; empty parts left out. */
export function formSections(s: SurveyDefinition): FormSection[] {
  const parts: FormSection[] = [
    { section: 'filter', questions: s.filter },
    { section: 'overall', questions: [s.overall] },
    ...s.components.map((c) => ({
      section: 'components' as const,
      component: { key: c.key, label: c.label },
      questions: [c.importance, ...c.criteria],
    })),
    { section: 'habits', questions: s.habits },
    { section: 'intentions', questions: s.intentions },
    { section: 'open', questions: s.open },
  ];
  return parts.filter((p) => p.questions.length > 0);
}

/** Whether an answer to a filter question puts the respondent out of the target. */
export function screensOut(q: Question, value: AnswerValue | undefined): boolean {
  if (q.kind !== 'choice' || value === undefined) return false;
  const chosen = Array.isArray(value) ? value : [String(value)];
  return q.options.some((o) => o.screensOut && chosen.includes(o.value));
}

/**
 * What the respondent sees with the answers given so far: every part, or — once a filter answer screens them out —
 * the filter questions up to that one only (the survey ends there).
 */
export function visibleSections(
  s: SurveyDefinition,
  answers: AnswersInput,
): { sections: FormSection[]; screenedOut: boolean } {
  const all = formSections(s);
  const cut = s.filter.findIndex((q) => screensOut(q, answers[q.key]));
  if (cut < 0) return { sections: all, screenedOut: false };
  return { sections: [{ section: 'filter', questions: s.filter.slice(0, cut + 1) }], screenedOut: true };
}

const isBlank = (v: AnswerValue | undefined) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export type LocalProblem = { kind: 'required' } | { kind: 'tooLong'; max: number; length: number };

/** What the page can say before sending: required questions left blank, open answers over their length. */
export function localProblems(sections: FormSection[], answers: AnswersInput): Record<string, LocalProblem> {
  const problems: Record<string, LocalProblem> = {};
  for (const q of sections.flatMap((p) => p.questions)) {
    const v = answers[q.key];
    if (isBlank(v)) {
      if (q.required) problems[q.key] = { kind: 'required' };
    } else if (q.kind === 'open' && typeof v === 'string' && v.trim().length > q.maxLength) {
      problems[q.key] = { kind: 'tooLong', max: q.maxLength, length: v.trim().length };
    }
  }
  return problems;
}

/** The answers to send: those of the visible questions, blanks left out, open answers trimmed. */
export function answersToSend(sections: FormSection[], answers: AnswersInput): AnswersInput {
  const out: AnswersInput = {};
  for (const q of sections.flatMap((p) => p.questions)) {
    const v = answers[q.key];
    if (isBlank(v) || v === undefined) continue;
    out[q.key] = typeof v === 'string' && q.kind === 'open' ? v.trim() : v;
  }
  return out;
}

/** Answered / to answer among the visible questions (the progress bar). */
export function progressOf(sections: FormSection[], answers: AnswersInput): { done: number; total: number } {
  const questions = sections.flatMap((p) => p.questions);
  return { done: questions.filter((q) => !isBlank(answers[q.key])).length, total: questions.length };
}
