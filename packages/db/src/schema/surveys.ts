import type { Answers } from '@relance/domain/surveys/survey-answers';
import type { SurveyDefinition } from '@relance/domain/surveys/survey-definition';
import { SURVEY_PURPOSES } from '@relance/domain/surveys/survey-definition';
import { SURVEY_WAVE_SOURCES, type WaveTrigger } from '@relance/domain/surveys/survey-waves';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaignSteps, campaigns } from './campaigns';
import { contacts } from './contacts';
import { sends } from './dispatch';
import { channelEnum } from './enums';
import { users } from './users';

export const surveyPurposeEnum = pgEnum('survey_purpose', SURVEY_PURPOSES);
export const surveyWaveSourceEnum = pgEnum('survey_wave_source', SURVEY_WAVE_SOURCES);

/** A questionnaire (survey-definition.ts), edited by marketers; `version` guards concurrent edits. */
export const surveys = pgTable('surveys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  purpose: surveyPurposeEnum('purpose').notNull(),
  definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One wave of a survey: the questionnaire as it was when the wave opened (a copy, so that editing the survey never
 * changes the questions of a wave being answered; keys kept between waves let them compare), who it goes to
 * (the sends of a campaign step, a moment in the customer's life, or by hand/phone), and until when it takes answers.
 */
export const surveyWaves = pgTable(
  'survey_waves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    source: surveyWaveSourceEnum('source').notNull(),
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
    /** a campaign wave: the step whose sends invite (its {{surveyUrl}} is the send's own link) */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    stepId: uuid('step_id').references(() => campaignSteps.id, { onDelete: 'set null' }),
    /** a moment wave: which moment, and how invitations are delivered */
    trigger: jsonb('trigger').$type<WaveTrigger>(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull().defaultNow(),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('survey_waves_survey_idx').on(t.surveyId), uniqueIndex('survey_waves_step_key').on(t.stepId)],
);

/**
 * Who a wave asks: one invitation per (wave, contact, occasion), with its unguessable token (the answer page's
 * address) — or, for a campaign wave, the send whose tracking code is the token. Moment waves write them set-based
 * each day; their message, if any, is a send of the day's invitation campaign, tied here by `send_id`.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => surveyWaves.id, { onDelete: 'cascade' }),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    sendId: bigint('send_id', { mode: 'number' }).references(() => sends.id, { onDelete: 'set null' }),
    channel: channelEnum('channel'),
    /**
     * why this contact is asked now, unique within the wave: '' for a campaign send or by hand; for a moment, the
     * moment and its date or source (`first_order:2026-11-23`, `complaint:1234`, `former:567`), so that a yearly
     * question asks again each year and a daily job run twice asks once
     */
    occasion: text('occasion').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('survey_invitations_wave_contact_key').on(t.waveId, t.contactId, t.occasion),
    uniqueIndex('survey_invitations_token_key').on(t.token),
  ],
);

/** One answer per invitation (so per recipient and wave); a double submission finds it there and stores nothing. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => surveyWaves.id, { onDelete: 'cascade' }),
    invitationId: bigint('invitation_id', { mode: 'number' })
      .notNull()
      .references(() => surveyInvitations.id, { onDelete: 'cascade' }),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Answers>().notNull(),
    screenedOut: boolean('screened_out').notNull().default(false),
    /** a low answer (isLowAnswer); from an important customer it raised an alert and a callback task */
    low: boolean('low').notNull().default(false),
    alerted: boolean('alerted').notNull().default(false),
    /** web: the respondent on the answer page; phone: a telemarketer during a call */
    via: text('via').notNull(),
    locale: text('locale'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('survey_answers_invitation_key').on(t.invitationId),
    index('survey_answers_wave_idx').on(t.waveId, t.submittedAt),
  ],
);
