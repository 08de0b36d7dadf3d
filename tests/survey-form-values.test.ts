import { surveyTemplate } from '@relance/domain/surveys/survey-templates';
import { describe, expect, it } from 'vitest';
import {
  edited,
  errorsUnder,
  forSaving,
  moved,
  newComponent,
  newQuestion,
  uniqueKey,
} from '../apps/web/src/features/surveys/components/editor-model';
import {
  answersToSend,
  localProblems,
  progressOf,
  visibleSections,
} from '../apps/web/src/features/surveys/components/questionnaire-model';

const survey = surveyTemplate('satisfaction');

describe('the answer page’s questionnaire', () => {
  it('shows every part in order, and only the filter once it screens the respondent out', () => {
    const all = visibleSections(survey, {});
    expect(all.screenedOut).toBe(false);
    expect(all.sections.map((s) => s.component?.key ?? s.section)).toEqual([
      'filter',
      'overall',
      'price',
      'delays',
      'support',
      'habits',
      'intentions',
      'open',
    ]);
    expect(all.sections[2]!.questions.map((q) => q.key)).toEqual([
      'price_importance',
      'price_level',
      'price_clarity',
    ]);
    const out = visibleSections(survey, { customer_kind: 'not_customer', overall: 4 });
    expect(out.screenedOut).toBe(true);
    expect(out.sections.flatMap((s) => s.questions.map((q) => q.key))).toEqual(['customer_kind']);
    // the answers after the screening question are not sent
    expect(answersToSend(out.sections, { customer_kind: 'not_customer', overall: 4 })).toEqual({
      customer_kind: 'not_customer',
    });
  });

  it('says which required questions are blank and which open answers are too long, before sending', () => {
    const { sections } = visibleSections(survey, {});
    const answers = {
      customer_kind: 'private',
      overall: 'dont_know' as const,
      comment: `  ${'x'.repeat(2001)}  `,
    };
    const problems = localProblems(sections, answers);
    expect(problems.overall).toBeUndefined();
    expect(problems.price_importance).toEqual({ kind: 'required' });
    expect(problems.comment).toEqual({ kind: 'tooLong', max: 2000, length: 2001 });
    // the open question is optional: blank is fine, and blank answers are not sent
    expect(localProblems(sections, { comment: '   ' }).comment).toBeUndefined();
    expect(answersToSend(sections, { comment: '  merci  ', overall: 3, frequency: [] })).toEqual({
      comment: 'merci',
      overall: 3,
    });
    expect(progressOf(sections, { overall: 3, comment: ' ' })).toEqual({ done: 1, total: 15 });
  });
});

describe('the questionnaire editor’s values', () => {
  it('gives new questions and components keys of their own, and moves items within their list', () => {
    expect(uniqueKey(survey, 'price')).toBe('price_2');
    expect(uniqueKey(survey, 'comment')).toBe('comment_2');
    expect(newQuestion(survey, 'filter')).toMatchObject({
      kind: 'choice',
      key: 'filter_question',
      required: true,
    });
    expect(newQuestion(survey, 'open')).toMatchObject({ kind: 'open', key: 'comment_2', required: false });
    const c = newComponent(survey);
    expect([c.key, c.importance.key, c.criteria[0]!.key]).toEqual([
      'component',
      'component_importance',
      'component_criterion',
    ]);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    const next = edited(survey, (d) => {
      d.components = moved(d.components, 2, -1);
    });
    expect(next.components.map((x) => x.key)).toEqual(['price', 'support', 'delays']);
    expect(survey.components.map((x) => x.key)).toEqual(['price', 'delays', 'support']);
  });

  it('saves untranslated labels and a blank intro as absent, and places field errors under their question', () => {
    const draft = edited(survey, (d) => {
      d.title = { fr: 'Titre', en: ' ' };
      d.intro = { fr: '', en: '' };
    });
    const saved = forSaving(draft);
    expect(saved.title).toEqual({ fr: 'Titre' });
    expect(saved.intro).toBeUndefined();
    expect(saved.overall.label.en).toBe('Overall, how satisfied are you with us?');
    const errors = {
      'definition.filter.0.label.fr': 'Write the question',
      'definition.filter.0': 'A filter question is a choice',
      'definition.filter.1.key': 'x',
      'definition.filter.10.key': 'y',
    };
    expect(errorsUnder(errors, 'definition.filter.1')).toEqual({ key: 'x' });
    expect(errorsUnder(errors, 'definition.filter.0')).toEqual({
      'label.fr': 'Write the question',
      '': 'A filter question is a choice',
    });
  });
});
