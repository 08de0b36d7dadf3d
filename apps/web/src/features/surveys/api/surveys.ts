import type { AnswersInput } from '@relance/domain/surveys/survey-answers';
import type { SurveyDefinition, SurveyPurpose } from '@relance/domain/surveys/survey-definition';
import type { WaveTriggerInput } from '@relance/domain/surveys/survey-waves';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import {
  answerOutcomeSchema,
  openWavesSchema,
  publicSurveySchema,
  surveyListSchema,
  surveySchema,
  surveyWithWavesSchema,
  waveReportSchema,
  waveSchema,
} from './schemas';

export const listSurveys = (signal?: AbortSignal) => api('/api/surveys', surveyListSchema, { signal });

export const getSurvey = (id: string, signal?: AbortSignal) =>
  api(`/api/surveys/${id}`, surveyWithWavesSchema, { signal });

export const createSurvey = (body: { name: string; purpose: SurveyPurpose }) =>
  api('/api/surveys', surveySchema, { method: 'POST', body });

export const saveSurvey = (
  id: string,
  body: { name: string; definition: SurveyDefinition; version: number },
) => api(`/api/surveys/${id}`, surveySchema, { method: 'PUT', body });

export type NewWave =
  | { source: 'campaign'; name: string; stepId: string }
  | { source: 'moment'; name: string; trigger: WaveTriggerInput; templateCampaignId: string | null }
  | { source: 'manual'; name: string };

export const openWave = (surveyId: string, body: NewWave) =>
  api(`/api/surveys/${surveyId}/waves`, waveSchema, { method: 'POST', body });

export const closeWave = (waveId: string) =>
  api(`/api/survey-waves/${waveId}/close`, waveSchema, { method: 'POST' });

export const runMoments = () =>
  api('/api/survey-moments/run', z.object({ queued: z.boolean() }), { method: 'POST' });

export const getWaveReport = (waveId: string, signal?: AbortSignal) =>
  api(`/api/survey-waves/${waveId}/results`, waveReportSchema, { signal });

/** Same-origin GET: the session cookie goes with the download. */
export const waveCsvUrl = (waveId: string) => `/api/survey-waves/${waveId}/answers.csv`;

// ── phone: a telemarketer fills the questionnaire in during a call ─────────
export const listOpenWaves = (signal?: AbortSignal) =>
  api('/api/survey-waves/open', openWavesSchema, { signal });

export const inviteContact = (waveId: string, contactId: number) =>
  api(`/api/survey-waves/${waveId}/invitations`, z.object({ token: z.string() }), {
    method: 'POST',
    body: { contactId },
  });

export const submitPhoneAnswers = (token: string, answers: AnswersInput, locale: 'fr' | 'en') =>
  api(`/api/survey-invitations/${token}/answers`, answerOutcomeSchema, {
    method: 'POST',
    body: { answers, locale },
  });

// ── the public answer page (no session) ────────────────────────────────────
export const getPublicSurvey = (token: string, signal?: AbortSignal) =>
  api(`/api/public/surveys/${encodeURIComponent(token)}`, publicSurveySchema, {
    signal,
    allowUnauthenticated: true,
  });

export const submitPublicAnswers = (token: string, answers: AnswersInput, locale: 'fr' | 'en') =>
  api(`/api/public/surveys/${encodeURIComponent(token)}/answers`, answerOutcomeSchema, {
    method: 'POST',
    body: { answers, locale },
    allowUnauthenticated: true,
  });

// ── campaigns, for a campaign wave and a moment's invitation campaign ──────
const campaignListSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), name: z.string(), status: z.string(), channels: z.array(z.string()) }).loose(),
  ),
});
export const listCampaignsBrief = (signal?: AbortSignal) =>
  api('/api/campaigns', campaignListSchema, { signal });

const campaignStepsSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    steps: z.array(
      z.object({ id: z.string(), position: z.number(), channel: z.string(), offsetDays: z.number() }),
    ),
  })
  .loose();
export const getCampaignSteps = (id: string, signal?: AbortSignal) =>
  api(`/api/campaigns/${id}`, campaignStepsSchema, { signal });
