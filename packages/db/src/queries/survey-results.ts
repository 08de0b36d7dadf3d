import type { Answers } from '@relance/domain/surveys/survey-answers';
import { compareWaves, type WaveResults, waveResults } from '@relance/domain/surveys/survey-scoring';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { getWave, type StoredWave } from './surveys';

/**
 * How many were asked: a campaign wave's step sends that went out (each carried its answer link), otherwise the
 * wave's invitations.
 */
async function invitedCount(db: Db, wave: StoredWave): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    wave.stepId
      ? sql`SELECT count(*)::int AS n FROM sends WHERE step_id = ${wave.stepId} AND status = 'sent'`
      : sql`SELECT count(*)::int AS n FROM survey_invitations WHERE wave_id = ${wave.id}`,
  );
  return row?.n ?? 0;
}

export interface WaveReport {
  wave: StoredWave;
  results: WaveResults;
  /** the same survey's previous wave, compared on the share satisfied overall (before / after an action) */
  comparison: { waveId: string; waveName: string; change: ReturnType<typeof compareWaves> } | null;
  lowAnswers: number;
}

async function answersOf(db: Db, waveId: string) {
  const rows = await db.execute<{ answers: Answers; screened_out: boolean; low: boolean }>(
    sql`SELECT answers, screened_out, low FROM survey_answers WHERE wave_id = ${waveId}`,
  );
  return {
    answers: rows.filter((r) => !r.screened_out).map((r) => r.answers),
    screenedOut: rows.filter((r) => r.screened_out).length,
    low: rows.filter((r) => r.low).length,
  };
}

/** A wave's results (survey-scoring.ts), compared with the survey's previous wave when there is one. */
export async function waveReport(db: Db, waveId: string): Promise<WaveReport | null> {
  const wave = await getWave(db, waveId);
  if (!wave) return null;
  const [mine, invited] = await Promise.all([answersOf(db, waveId), invitedCount(db, wave)]);
  const results = waveResults(wave.definition, {
    invited,
    answers: mine.answers,
    screenedOut: mine.screenedOut,
  });
  const [previous] = await db.execute<{ id: string }>(sql`
    SELECT id FROM survey_waves
     WHERE survey_id = ${wave.surveyId} AND opens_at < ${wave.opensAt.toISOString()}::timestamptz
     ORDER BY opens_at DESC LIMIT 1`);
  let comparison: WaveReport['comparison'] = null;
  if (previous) {
    const before = (await getWave(db, previous.id))!;
    const theirs = await answersOf(db, before.id);
    const beforeResults = waveResults(before.definition, {
      invited: 0,
      answers: theirs.answers,
      screenedOut: 0,
    });
    // compared only when both waves asked the same overall question (the same key)
    comparison =
      before.definition.overall.key === wave.definition.overall.key
        ? {
            waveId: before.id,
            waveName: before.name,
            change: compareWaves(beforeResults.overall, results.overall),
          }
        : null;
  }
  return { wave, results, comparison, lowAnswers: mine.low };
}

/** Every answer of a wave as rows for the CSV export: one row per respondent, one column per question key. */
export async function waveAnswerRows(db: Db, waveId: string) {
  return db.execute<{
    submitted_at: string;
    via: string;
    contact_id: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    screened_out: boolean;
    low: boolean;
    answers: Answers;
  }>(sql`
    SELECT a.submitted_at, a.via, a.contact_id, c.first_name, c.last_name, c.email, a.screened_out, a.low, a.answers
      FROM survey_answers a JOIN contacts c ON c.id = a.contact_id
     WHERE a.wave_id = ${waveId} ORDER BY a.submitted_at`);
}
