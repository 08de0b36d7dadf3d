import { describe, expect, it } from 'vitest';
import { type Answers, checkAnswers } from './survey-answers';
import { surveyDefinitionSchema } from './survey-definition';
import {
  compareWaves,
  componentResults,
  isLowAnswer,
  netPromoterScore,
  scaleStats,
  waveResults,
} from './survey-scoring';
import { LOST_CUSTOMERS_TEMPLATE, lostReasonFrom, surveyTemplate } from './survey-templates';

const survey = surveyTemplate('satisfaction');

describe('scale statistics (worked by hand)', () => {
  it('four levels: mean, 0-100 score, share satisfied, don’t know left out', () => {
    // 4, 3, 3, 2, 1 and one "don't know": mean 13/5 = 2.6 → (2.6 − 1) / 3 × 100 = 53.33; satisfied 3 of 5
    const s = scaleStats([4, 3, 3, 2, 1, 'dont_know'], 'four_level');
    expect(s.answered).toBe(5);
    expect(s.dontKnow).toBe(1);
    expect(s.mean).toBeCloseTo(2.6, 10);
    expect(s.score).toBeCloseTo(53.333, 2);
    expect(s.satisfiedShare).toBeCloseTo(0.6, 10);
    expect(s.distribution).toEqual({ 1: 1, 2: 1, 3: 2, 4: 1 });
  });

  it('1-10: satisfied from 7', () => {
    // 10, 7, 6, 1: mean 6 → (6 − 1) / 9 × 100 = 55.56; satisfied 2 of 4
    const s = scaleStats([10, 7, 6, 1], 'score_10');
    expect(s.mean).toBe(6);
    expect(s.score).toBeCloseTo(55.556, 2);
    expect(s.satisfiedShare).toBe(0.5);
  });

  it('no answers: no mean', () => {
    expect(scaleStats(['dont_know'], 'four_level')).toMatchObject({ answered: 0, mean: null, score: null });
  });
});

describe('Net Promoter Score', () => {
  it('is % promoters (9-10) minus % detractors (0-6)', () => {
    // 10, 9, 9, 8, 7, 6, 3, 0: 3 promoters, 2 passives, 3 detractors → (3 − 3) / 8 = 0
    expect(netPromoterScore([10, 9, 9, 8, 7, 6, 3, 0])).toEqual({
      answered: 8,
      promoters: 3,
      passives: 2,
      detractors: 3,
      nps: 0,
    });
    // 10, 10, 9, 5: 3 promoters, 1 detractor → 50
    expect(netPromoterScore([10, 10, 9, 5]).nps).toBe(50);
  });
});

describe('importance against satisfaction', () => {
  it('puts the important, unsatisfying component first', () => {
    const answer = (p: number, d: number, s: number, psat: number, dsat: number, ssat: number) => ({
      price_importance: p,
      price_level: psat,
      price_clarity: psat,
      delays_importance: d,
      delivery_time: dsat,
      promises_kept: dsat,
      support_importance: s,
      support_reach: ssat,
      problem_solving: ssat,
    });
    // price: importance 4 → 100, satisfaction 2 → 33.3; delays: importance 2 → 33.3, satisfaction 4 → 100;
    // support: importance 3 → 66.7, satisfaction 3 → 66.7. Averages: importance 66.7, satisfaction 66.7.
    const results = componentResults(survey, [answer(4, 2, 3, 2, 4, 3), answer(4, 2, 3, 2, 4, 3)]);
    expect(results.map((r) => [r.key, r.priority])).toEqual([
      ['price', 'fix_first'],
      ['support', 'keep_up'],
      ['delays', 'overdone'],
    ]);
    expect(results[0]!.importance).toBeCloseTo(100, 6);
    expect(results[0]!.satisfaction).toBeCloseTo(33.333, 2);
  });
});

describe('a wave’s results', () => {
  it('counts respondents, screened-out ones, the response rate and the intentions', () => {
    const answers: Answers[] = [
      { customer_kind: 'private', overall: 4, buy_again: 4, recommend: 10, comment: 'Parfait' },
      { customer_kind: 'business', overall: 2, buy_again: 2, recommend: 3 },
      { customer_kind: 'private', overall: 'dont_know' as const, buy_again: 3, recommend: 8 },
    ];
    const r = waveResults(survey, { invited: 20, answers, screenedOut: 1 });
    expect(r.respondents).toBe(4);
    expect(r.responseRate).toBe(0.2);
    expect(r.overall).toMatchObject({ answered: 2, dontKnow: 1, mean: 3, satisfiedShare: 0.5 });
    expect(r.recommend?.nps).toBeCloseTo(0, 10); // 1 promoter, 1 passive, 1 detractor
    expect(r.buyAgainShare).toBeCloseTo(2 / 3, 10);
    expect(r.open).toEqual([{ key: 'comment', answers: ['Parfait'] }]);
  });

  it('compares two waves on the share satisfied, with significance', () => {
    const before = scaleStats([...Array(40).fill(4), ...Array(60).fill(2)], 'four_level'); // 40 %
    const after = scaleStats([...Array(60).fill(4), ...Array(40).fill(2)], 'four_level'); // 60 %
    const c = compareWaves(before, after)!;
    expect(c.changePoints).toBe(20);
    // pooled p = 0.5, se = sqrt(0.25 × 2/100) = 0.0707, z = 2.83, p ≈ 0.0047
    expect(c.pValue).toBeCloseTo(0.0047, 3);
    expect(c.significant).toBe(true);
    const small = compareWaves(scaleStats([4, 2], 'four_level'), scaleStats([4, 4], 'four_level'))!;
    expect(small.significant).toBe(false);
  });

  it('flags a low answer: overall not satisfied, or a strong detractor', () => {
    expect(isLowAnswer(survey, { overall: 2, recommend: 8 })).toBe(true);
    expect(isLowAnswer(survey, { overall: 3, recommend: 4 })).toBe(true);
    expect(isLowAnswer(survey, { overall: 3, recommend: 5 })).toBe(false);
    expect(isLowAnswer(survey, { overall: 'dont_know' })).toBe(false);
  });
});

describe('checking answers', () => {
  const full = {
    customer_kind: 'private',
    overall: 3,
    price_importance: 4,
    price_level: 2,
    price_clarity: 'dont_know',
    delays_importance: 3,
    delivery_time: 3,
    promises_kept: 4,
    support_importance: 2,
    support_reach: 3,
    problem_solving: 3,
    frequency: 'monthly',
    buy_again: 4,
    recommend: 9,
    comment: '  Très bien  ',
  };

  it('accepts a complete answer and trims the open one', () => {
    const r = checkAnswers(survey, full);
    expect(r.ok && r.answers.comment).toBe('Très bien');
    expect(r.ok && r.screenedOut).toBe(false);
  });

  it('says what to fix: a missing answer, a value off the scale, an unknown question, a too long text', () => {
    const { overall: _, ...missing } = full;
    const r = checkAnswers(survey, { ...missing, recommend: 11, nope: 1, comment: 'x'.repeat(2001) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { field: 'nope', message: 'This survey has no such question' },
        { field: 'overall', message: 'Answer this question' },
        { field: 'recommend', message: 'Choose a value from 0 to 10' },
        { field: 'comment', message: 'At most 2000 characters (this answer has 2001)' },
      ]),
    );
  });

  it('ends the survey at a filter answer that screens out', () => {
    const r = checkAnswers(survey, { customer_kind: 'not_customer', overall: 4 });
    expect(r).toEqual({ ok: true, answers: { customer_kind: 'not_customer' }, screenedOut: true });
  });

  it('refuses "don’t know" where it is not offered', () => {
    const r = checkAnswers(survey, { ...full, recommend: 'dont_know' });
    expect(r.ok).toBe(false);
  });
});

describe('questionnaires', () => {
  it('refuses two questions with the same key', () => {
    const bad = {
      ...LOST_CUSTOMERS_TEMPLATE,
      open: [{ key: 'overall', kind: 'open', label: { fr: 'Encore ?' } }],
    };
    expect(surveyDefinitionSchema.safeParse(bad).success).toBe(false);
  });

  it('reads the lost reason and the competitor of a lost-customer answer', () => {
    const lost = surveyTemplate('lost_customers');
    expect(lostReasonFrom(lost, { overall: 2, why_left: 'competitor', competitor: 'Bricomax' })).toEqual({
      reason: 'competitor',
      competitor: 'Bricomax',
    });
    expect(lostReasonFrom(lost, { overall: 2 })).toBeNull();
  });
});
