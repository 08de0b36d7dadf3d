import { twoProportionZTest } from '../planning/significance';
import { type Answers, DONT_KNOW } from './survey-answers';
import type { Question, Scale, SurveyDefinition } from './survey-definition';

/**
 * The results arithmetic of a survey wave, from its answers (one `Answers` per respondent who was not screened
 * out). Four-level answers are 1 (not satisfied at all) to 4 (very satisfied); "satisfied" is 3 or 4. Scores are 1
 * to 10; "satisfied" is 7 or more. So that a four-level and a 1-10 question compare, each mean is also given on
 * 0-100: (value − min) / (max − min) × 100. "Don't know" counts in the answers but in no mean.
 */

export const satisfiedFrom = (scale: Scale): number => (scale === 'four_level' ? 3 : 7);
const bounds = (scale: Scale): [number, number] => (scale === 'four_level' ? [1, 4] : [1, 10]);
export const toPercentScale = (value: number, scale: Scale): number => {
  const [min, max] = bounds(scale);
  return ((value - min) / (max - min)) * 100;
};

export interface ScaleStats {
  /** answers with a value (don't know excluded) */
  answered: number;
  dontKnow: number;
  mean: number | null;
  /** the mean on 0-100 */
  score: number | null;
  /** share of valued answers that are satisfied (or important), 0-1 */
  satisfiedShare: number | null;
  /** how many answers gave each value */
  distribution: Record<number, number>;
}

export function scaleStats(values: ReadonlyArray<unknown>, scale: Scale): ScaleStats {
  const [min, max] = bounds(scale);
  const distribution: Record<number, number> = {};
  for (let v = min; v <= max; v++) distribution[v] = 0;
  let sum = 0;
  let answered = 0;
  let satisfied = 0;
  let dontKnow = 0;
  for (const v of values) {
    if (v === DONT_KNOW) dontKnow++;
    else if (typeof v === 'number') {
      answered++;
      sum += v;
      distribution[v] = (distribution[v] ?? 0) + 1;
      if (v >= satisfiedFrom(scale)) satisfied++;
    }
  }
  const mean = answered > 0 ? sum / answered : null;
  return {
    answered,
    dontKnow,
    mean,
    score: mean === null ? null : toPercentScale(mean, scale),
    satisfiedShare: answered > 0 ? satisfied / answered : null,
    distribution,
  };
}

/** Net Promoter Score from 0-10 answers: promoters 9-10, detractors 0-6; NPS = % promoters − % detractors. */
export function netPromoterScore(values: ReadonlyArray<unknown>) {
  const scores = values.filter((v): v is number => typeof v === 'number');
  const promoters = scores.filter((v) => v >= 9).length;
  const detractors = scores.filter((v) => v <= 6).length;
  const n = scores.length;
  return {
    answered: n,
    promoters,
    passives: n - promoters - detractors,
    detractors,
    nps: n > 0 ? Math.round(((promoters - detractors) / n) * 1000) / 10 : null,
  };
}

export type Priority = 'fix_first' | 'keep_up' | 'secondary' | 'overdone';

export interface ComponentResult {
  key: string;
  /** 0-100 */
  importance: number | null;
  satisfaction: number | null;
  satisfiedShare: number | null;
  /** importance against satisfaction, relative to the other components' averages */
  priority: Priority | null;
  criteria: { key: string; stats: ScaleStats }[];
}

/**
 * Importance against satisfaction (what to fix first): a component more important than the components' average
 * importance and less satisfying than their average satisfaction is to fix first; important and satisfying, to
 * keep up; neither, secondary; satisfying but unimportant, overdone. Fix-first components come first, by the gap
 * between importance and satisfaction.
 */
export function componentResults(survey: SurveyDefinition, answers: readonly Answers[]): ComponentResult[] {
  const column = (q: Question) => answers.map((a) => a[q.key]);
  const raw = survey.components.map((c) => {
    const importance =
      c.importance.kind === 'importance' ? scaleStats(column(c.importance), c.importance.scale) : null;
    const criteria = c.criteria.map((q) => ({
      key: q.key,
      stats: scaleStats(column(q), q.kind === 'satisfaction' ? q.scale : 'four_level'),
    }));
    // the component's satisfaction: the criteria's 0-100 scores weighted by their answers
    const weighted = criteria.filter((x) => x.stats.score !== null);
    const n = weighted.reduce((s, x) => s + x.stats.answered, 0);
    const satisfaction =
      n > 0 ? weighted.reduce((s, x) => s + x.stats.score! * x.stats.answered, 0) / n : null;
    const satisfied =
      n > 0 ? weighted.reduce((s, x) => s + x.stats.satisfiedShare! * x.stats.answered, 0) / n : null;
    return {
      key: c.key,
      importance: importance?.score ?? null,
      satisfaction,
      satisfiedShare: satisfied,
      criteria,
    };
  });
  const avg = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const meanImportance = avg(raw.map((r) => r.importance));
  const meanSatisfaction = avg(raw.map((r) => r.satisfaction));
  const results: ComponentResult[] = raw.map((r) => {
    let priority: Priority | null = null;
    if (
      r.importance !== null &&
      r.satisfaction !== null &&
      meanImportance !== null &&
      meanSatisfaction !== null
    ) {
      const important = r.importance >= meanImportance;
      const satisfying = r.satisfaction >= meanSatisfaction;
      priority = important ? (satisfying ? 'keep_up' : 'fix_first') : satisfying ? 'overdone' : 'secondary';
    }
    return { ...r, priority };
  });
  const order: Record<Priority, number> = { fix_first: 0, keep_up: 1, secondary: 2, overdone: 3 };
  const gap = (r: ComponentResult) => (r.importance ?? 0) - (r.satisfaction ?? 0);
  return results.sort(
    (a, b) => (a.priority ? order[a.priority] : 4) - (b.priority ? order[b.priority] : 4) || gap(b) - gap(a),
  );
}

export interface WaveResults {
  invited: number;
  respondents: number;
  screenedOut: number;
  /** respondents (screened out included) / invited */
  responseRate: number | null;
  overall: ScaleStats;
  components: ComponentResult[];
  recommend: ReturnType<typeof netPromoterScore> | null;
  /** share of "certainly" or "probably" */
  buyAgainShare: number | null;
  open: { key: string; answers: string[] }[];
}

export function waveResults(
  survey: SurveyDefinition,
  input: { invited: number; answers: readonly Answers[]; screenedOut: number },
): WaveResults {
  const { answers } = input;
  const overallScale = survey.overall.kind === 'satisfaction' ? survey.overall.scale : 'four_level';
  const intentions = [...survey.intentions, ...survey.habits];
  const recommendQ = intentions.find((q) => q.kind === 'recommend');
  const buyAgainQ = intentions.find((q) => q.kind === 'buy_again');
  const buyAgain = buyAgainQ
    ? scaleStats(
        answers.map((a) => a[buyAgainQ.key]),
        'four_level',
      )
    : null;
  const respondents = answers.length + input.screenedOut;
  return {
    invited: input.invited,
    respondents,
    screenedOut: input.screenedOut,
    responseRate: input.invited > 0 ? respondents / input.invited : null,
    overall: scaleStats(
      answers.map((a) => a[survey.overall.key]),
      overallScale,
    ),
    components: componentResults(survey, answers),
    recommend: recommendQ ? netPromoterScore(answers.map((a) => a[recommendQ.key])) : null,
    buyAgainShare: buyAgain?.satisfiedShare ?? null,
    open: survey.open.map((q) => ({
      key: q.key,
      answers: answers.map((a) => a[q.key]).filter((v): v is string => typeof v === 'string' && v !== ''),
    })),
  };
}

/**
 * Two waves compared on the share of satisfied customers (e.g. before and after an action): the change in
 * points, and whether it is significant at 95 % (pooled two-proportion z-test).
 */
export function compareWaves(before: ScaleStats, after: ScaleStats) {
  if (before.satisfiedShare === null || after.satisfiedShare === null) return null;
  const a = Math.round(before.satisfiedShare * before.answered);
  const b = Math.round(after.satisfiedShare * after.answered);
  const test = twoProportionZTest(a, before.answered, b, after.answered);
  return {
    changePoints: Math.round((after.satisfiedShare - before.satisfiedShare) * 1000) / 10,
    scoreChange: before.score !== null && after.score !== null ? after.score - before.score : null,
    pValue: test?.pValue ?? null,
    significant: test !== null && test.pValue < 0.05,
  };
}

/**
 * A low answer: overall not satisfied (1-2 on four levels, 1-4 out of 10), or a detractor at 0-4 on recommending.
 * From an important customer, it raises an alert and a callback task for the account owner within 48 hours.
 */
export function isLowAnswer(survey: SurveyDefinition, answers: Answers): boolean {
  const overall = answers[survey.overall.key];
  const overallScale = survey.overall.kind === 'satisfaction' ? survey.overall.scale : 'four_level';
  if (typeof overall === 'number' && overall <= (overallScale === 'four_level' ? 2 : 4)) return true;
  const recommendQ = [...survey.intentions, ...survey.habits].find((q) => q.kind === 'recommend');
  const recommend = recommendQ ? answers[recommendQ.key] : undefined;
  return typeof recommend === 'number' && recommend <= 4;
}
