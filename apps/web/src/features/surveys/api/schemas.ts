import { surveyDefinitionSchema } from '@relance/domain/surveys/survey-definition';
import { SURVEY_WAVE_SOURCES, waveTriggerSchema } from '@relance/domain/surveys/survey-waves';
import { z } from 'zod';

const purpose = z.enum(['satisfaction', 'lost_customers']);

export const surveyListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      purpose,
      updatedAt: z.string(),
      waves: z.number(),
      openWaves: z.number(),
      answers: z.number(),
    }),
  ),
});
export type SurveyListItem = z.infer<typeof surveyListSchema>['items'][number];

export const waveSchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  name: z.string(),
  source: z.enum(SURVEY_WAVE_SOURCES),
  definition: surveyDefinitionSchema,
  campaignId: z.string().nullable(),
  stepId: z.string().nullable(),
  trigger: waveTriggerSchema.nullable(),
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type SurveyWave = z.infer<typeof waveSchema>;

export const surveySchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose,
  definition: surveyDefinitionSchema,
  version: z.number(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;

export const surveyWithWavesSchema = surveySchema.extend({ waves: z.array(waveSchema) });
export type SurveyWithWaves = z.infer<typeof surveyWithWavesSchema>;

const scaleStats = z.object({
  answered: z.number(),
  dontKnow: z.number(),
  mean: z.number().nullable(),
  score: z.number().nullable(),
  satisfiedShare: z.number().nullable(),
  distribution: z.record(z.string(), z.number()),
});
export type ScaleStats = z.infer<typeof scaleStats>;

export const PRIORITIES = ['fix_first', 'keep_up', 'secondary', 'overdone'] as const;

export const waveReportSchema = z.object({
  wave: waveSchema,
  results: z.object({
    invited: z.number(),
    respondents: z.number(),
    screenedOut: z.number(),
    responseRate: z.number().nullable(),
    overall: scaleStats,
    components: z.array(
      z.object({
        key: z.string(),
        importance: z.number().nullable(),
        satisfaction: z.number().nullable(),
        satisfiedShare: z.number().nullable(),
        priority: z.enum(PRIORITIES).nullable(),
        criteria: z.array(z.object({ key: z.string(), stats: scaleStats })),
      }),
    ),
    recommend: z
      .object({
        answered: z.number(),
        promoters: z.number(),
        passives: z.number(),
        detractors: z.number(),
        nps: z.number().nullable(),
      })
      .nullable(),
    buyAgainShare: z.number().nullable(),
    open: z.array(z.object({ key: z.string(), answers: z.array(z.string()) })),
  }),
  comparison: z
    .object({
      waveId: z.string(),
      waveName: z.string(),
      change: z
        .object({
          changePoints: z.number(),
          scoreChange: z.number().nullable(),
          pValue: z.number().nullable(),
          significant: z.boolean(),
        })
        .nullable(),
    })
    .nullable(),
  lowAnswers: z.number(),
});
export type WaveReport = z.infer<typeof waveReportSchema>;

export const publicSurveySchema = z.object({
  state: z.enum(['open', 'answered', 'closed']),
  waveName: z.string(),
  firstName: z.string().nullable(),
  definition: surveyDefinitionSchema,
});
export type PublicSurvey = z.infer<typeof publicSurveySchema>;

export const answerOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('recorded'), answerId: z.number(), low: z.boolean(), alerted: z.boolean() }),
  z.object({ status: z.literal('already_answered') }),
]);
export type AnswerOutcome = z.infer<typeof answerOutcomeSchema>;

export const openWavesSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), surveyName: z.string() })),
});
export type OpenWave = z.infer<typeof openWavesSchema>['items'][number];
