import { AppError } from '@relance/domain/errors';
import type { SurveyDefinition, SurveyPurpose } from '@relance/domain/surveys/survey-definition';
import type { SurveyWaveSource, WaveTrigger } from '@relance/domain/surveys/survey-waves';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignSteps } from '../schema/campaigns';
import { surveys, surveyWaves } from '../schema/surveys';

export type StoredSurvey = typeof surveys.$inferSelect;
export type StoredWave = typeof surveyWaves.$inferSelect;

export async function createSurvey(
  db: Db,
  input: { name: string; purpose: SurveyPurpose; definition: SurveyDefinition; createdBy: string | null },
): Promise<StoredSurvey> {
  const [row] = await db.insert(surveys).values(input).returning();
  return row!;
}

/** Saves a new questionnaire over the version the editor loaded (409 when someone saved in between). */
export async function updateSurvey(
  db: Db,
  id: string,
  input: { name: string; definition: SurveyDefinition; version: number },
): Promise<StoredSurvey> {
  const [row] = await db
    .update(surveys)
    .set({
      name: input.name,
      definition: input.definition,
      version: sql`${surveys.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(surveys.id, id), eq(surveys.version, input.version)))
    .returning();
  if (row) return row;
  const exists = await getSurvey(db, id);
  if (!exists) throw AppError.notFound('This survey');
  throw new AppError(
    'conflict',
    'Someone saved this survey after you opened it: reload it, then make your change again.',
  );
}

export async function getSurvey(db: Db, id: string): Promise<StoredSurvey | null> {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row ?? null;
}

/** Surveys with their waves' counts: invitations (campaign waves: the step's sends that went) and answers. */
export async function listSurveys(db: Db) {
  const rows = await db.execute<{
    id: string;
    name: string;
    purpose: SurveyPurpose;
    updated_at: string;
    waves: number;
    open_waves: number;
    answers: number;
  }>(sql`
    SELECT s.id, s.name, s.purpose, s.updated_at,
           (SELECT count(*)::int FROM survey_waves w WHERE w.survey_id = s.id) AS waves,
           (SELECT count(*)::int FROM survey_waves w WHERE w.survey_id = s.id AND w.closed_at IS NULL) AS open_waves,
           (SELECT count(*)::int FROM survey_answers a JOIN survey_waves w ON w.id = a.wave_id
             WHERE w.survey_id = s.id) AS answers
      FROM surveys s ORDER BY s.updated_at DESC`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    updatedAt: new Date(r.updated_at).toISOString(),
    waves: r.waves,
    openWaves: r.open_waves,
    answers: r.answers,
  }));
}

export type WaveInput =
  | { source: 'campaign'; stepId: string }
  | {
      source: 'moment';
      trigger: WaveTrigger;
      /** email or SMS delivery: the campaign copied each day for the day's invitations (its message has {{surveyUrl}}) */
      templateCampaignId?: string | null;
    }
  | { source: 'manual' };

/**
 * Opens a wave with a copy of the survey's questionnaire as it is now. A campaign wave is tied to one email, SMS
 * or phone step (a step invites to one wave at most); its sends' links are the invitations.
 */
export async function createWave(
  db: Db,
  surveyId: string,
  input: WaveInput & { name: string; closesAt: Date | null; createdBy: string | null },
): Promise<StoredWave> {
  const survey = await getSurvey(db, surveyId);
  if (!survey) throw AppError.notFound('This survey');
  let campaignId: string | null = null;
  let stepId: string | null = null;
  if (input.source === 'campaign') {
    const [step] = await db.select().from(campaignSteps).where(eq(campaignSteps.id, input.stepId));
    if (!step)
      throw AppError.validation('Choose a step of a campaign.', [
        { field: 'stepId', message: 'No such step' },
      ]);
    const channel = step.definition.channel;
    if (channel !== 'email' && channel !== 'sms' && channel !== 'phone') {
      const message = `A ${channel} step cannot carry an answer link: choose an email, SMS or phone step.`;
      throw AppError.validation(message, [{ field: 'stepId', message }]);
    }
    campaignId = step.campaignId;
    stepId = step.id;
  } else if (input.source === 'moment' && input.trigger.deliverBy !== 'phone') {
    if (!input.templateCampaignId) {
      const message = `Choose the campaign whose ${input.trigger.deliverBy === 'sms' ? 'SMS' : 'email'} invites (it is copied each day for that day's invitations).`;
      throw AppError.validation(message, [{ field: 'templateCampaignId', message }]);
    }
    campaignId = input.templateCampaignId;
  }
  const source: SurveyWaveSource = input.source;
  try {
    const [row] = await db
      .insert(surveyWaves)
      .values({
        surveyId,
        name: input.name,
        source,
        definition: survey.definition,
        campaignId,
        stepId,
        trigger: input.source === 'moment' ? input.trigger : null,
        closesAt: input.closesAt,
        createdBy: input.createdBy,
      })
      .returning();
    return row!;
  } catch (error) {
    const pg = error as { code?: string; cause?: { code?: string } };
    if (pg.code === '23505' || pg.cause?.code === '23505') {
      const message = 'This step already invites to a survey wave: choose another step.';
      throw AppError.validation(message, [{ field: 'stepId', message }]);
    }
    throw error;
  }
}

/** Closes a wave now: its answer page then says so and takes no more answers. Closing twice changes nothing. */
export async function closeWave(db: Db, waveId: string): Promise<StoredWave> {
  const [row] = await db
    .update(surveyWaves)
    .set({ closedAt: sql`coalesce(${surveyWaves.closedAt}, now())` })
    .where(eq(surveyWaves.id, waveId))
    .returning();
  if (!row) throw AppError.notFound('This survey wave');
  return row;
}

export async function listWaves(db: Db, surveyId: string): Promise<StoredWave[]> {
  return db
    .select()
    .from(surveyWaves)
    .where(eq(surveyWaves.surveyId, surveyId))
    .orderBy(desc(surveyWaves.opensAt));
}

export async function getWave(db: Db, waveId: string): Promise<StoredWave | null> {
  const [row] = await db.select().from(surveyWaves).where(eq(surveyWaves.id, waveId));
  return row ?? null;
}

/** The waves taking answers now, with their survey's name (a telemarketer picks one to fill in during a call). */
export async function listOpenWaves(db: Db) {
  const rows = await db.execute<{ id: string; name: string; survey_name: string }>(sql`
    SELECT w.id, w.name, s.name AS survey_name
      FROM survey_waves w JOIN surveys s ON s.id = w.survey_id
     WHERE w.closed_at IS NULL AND w.opens_at <= now() AND (w.closes_at IS NULL OR w.closes_at > now())
     ORDER BY s.name, w.opens_at DESC`);
  return rows.map((r) => ({ id: r.id, name: r.name, surveyName: r.survey_name }));
}

/** Whether a wave takes answers at `now`. */
export const waveIsOpen = (wave: Pick<StoredWave, 'closedAt' | 'closesAt' | 'opensAt'>, now = new Date()) =>
  !wave.closedAt && wave.opensAt <= now && (!wave.closesAt || wave.closesAt > now);
