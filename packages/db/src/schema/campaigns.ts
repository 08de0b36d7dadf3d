import {
  CAMPAIGN_KINDS,
  CAMPAIGN_OBJECTIVES,
  type CampaignPlan,
} from '@relance/domain/planning/campaign-input';
import { CAMPAIGN_STATUSES, RESUMABLE_STATUSES } from '@relance/domain/planning/campaign-lifecycle';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { channelEnum } from './enums';
import { users } from './users';

export const campaignKindEnum = pgEnum('campaign_kind', CAMPAIGN_KINDS);
export const campaignObjectiveEnum = pgEnum('campaign_objective', CAMPAIGN_OBJECTIVES);
export const campaignStatusEnum = pgEnum('campaign_status', CAMPAIGN_STATUSES);
export const resumableStatusEnum = pgEnum('campaign_resumable_status', RESUMABLE_STATUSES);

/**
 * A campaign and its plan. The plan (economics, fixed costs, offer, milestones) is the domain's validated
 * `CampaignPlan` without its steps, kept as JSON: it is read whole and never queried row by row. `version`
 * guards concurrent edits.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: campaignKindEnum('kind').notNull(),
    objective: campaignObjectiveEnum('objective').notNull(),
    status: campaignStatusEnum('status').notNull().default('draft'),
    resumeTo: resumableStatusEnum('resume_to'),
    plan: jsonb('plan').$type<Omit<CampaignPlan, 'steps'>>().notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaigns_status_idx').on(t.status, t.updatedAt)],
);

/**
 * The channel steps, in order. Each has an id of its own, which sends, events and callbacks will point to.
 * `definition` is the domain's validated `CampaignStep`.
 */
export const campaignSteps = pgTable(
  'campaign_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    channel: channelEnum('channel').notNull(),
    offsetDays: integer('offset_days').notNull(),
    definition: jsonb('definition').$type<CampaignPlan['steps'][number]>().notNull(),
  },
  (t) => [unique('campaign_steps_position_key').on(t.campaignId, t.position)],
);
