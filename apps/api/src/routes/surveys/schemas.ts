import { answersInputSchema } from '@relance/domain/surveys/survey-answers';
import { SURVEY_PURPOSES, surveyDefinitionSchema } from '@relance/domain/surveys/survey-definition';
import { SURVEY_WAVE_SOURCES, waveTriggerSchema } from '@relance/domain/surveys/survey-waves';
import { z } from 'zod';

const name = z.string().trim().min(1, { error: 'Name it' }).max(200, { error: 'At most 200 characters' });

export const surveyParams = z.object({ id: z.uuid({ error: 'Not a survey id' }) });
export const waveParams = z.object({ id: z.uuid({ error: 'Not a survey wave id' }) });
export const tokenParams = z.object({ token: z.string().min(6).max(64) });

/** A new survey: from the trade's template for its purpose, or a questionnaire of one's own. */
export const createSurveyBody = z.object({
  name,
  purpose: z.enum(SURVEY_PURPOSES, { error: 'Choose satisfaction or lost_customers' }),
  definition: surveyDefinitionSchema.optional(),
});

export const updateSurveyBody = z.object({
  name,
  definition: surveyDefinitionSchema,
  version: z.number().int().min(1),
});

const closesAt = z.iso
  .datetime({ offset: true, error: 'Give the closing time as an ISO date and time' })
  .nullish()
  .transform((v) => (v ? new Date(v) : null));

export const createWaveBody = z.discriminatedUnion(
  'source',
  [
    z.object({
      source: z.literal('campaign'),
      name,
      closesAt,
      stepId: z.uuid({ error: 'Choose a campaign step' }),
    }),
    z.object({
      source: z.literal('moment'),
      name,
      closesAt,
      trigger: waveTriggerSchema,
      templateCampaignId: z.uuid({ error: 'Choose the invitation campaign' }).nullish(),
    }),
    z.object({ source: z.literal('manual'), name, closesAt }),
  ],
  { error: `Choose where the wave's respondents come from: ${SURVEY_WAVE_SOURCES.join(', ')}` },
);

export const inviteBody = z.object({ contactId: z.number().int().positive({ error: 'Choose a contact' }) });

export const answerBody = z.object({
  answers: answersInputSchema,
  locale: z.enum(['fr', 'en']).nullish(),
});

export const submitAnswer = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('recorded'), answerId: z.number(), low: z.boolean(), alerted: z.boolean() }),
    z.object({ status: z.literal('already_answered') }),
  ])
  .meta({ id: 'SurveyAnswerOutcome' });

export const publicSurvey = z
  .object({
    state: z.enum(['open', 'answered', 'closed']),
    waveName: z.string(),
    firstName: z.string().nullable(),
    definition: surveyDefinitionSchema,
  })
  .meta({ id: 'PublicSurvey' });
