import {
  CALL_OUTCOMES,
  QUEUE_KINDS,
  TASK_SOURCES,
  TASK_STATUSES,
} from '@relance/domain/callbacks/vocabulary';
import { LOST_REASONS } from '@relance/domain/winback/vocabulary';
import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { campaigns } from './campaigns';
import { contacts } from './contacts';
import { users } from './users';

export const callbackQueueKindEnum = pgEnum('callback_queue_kind', QUEUE_KINDS);
export const callbackTaskSourceEnum = pgEnum('callback_task_source', TASK_SOURCES);
export const callbackTaskStatusEnum = pgEnum('callback_task_status', TASK_STATUSES);
export const callOutcomeEnum = pgEnum('call_outcome', CALL_OUTCOMES);

/**
 * A callback queue: a team's (`team:winback`, `team:prospects`, `team:care`) or a campaign's
 * (`campaign:<id>`, its phone steps and hot prospects). Created on first use (ON CONFLICT on the key).
 * `agentIds`: the agents who work it (empty: every telemarketer).
 */
export const callbackQueues = pgTable('callback_queues', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  kind: callbackQueueKindEnum('kind').notNull(),
  name: text('name').notNull(),
  campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
  agentIds: uuid('agent_ids').array().notNull().default(sql`'{}'::uuid[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A call to make: why it is there (`source`, `reason`, `detail`), its priority and due time, and, while an agent
 * holds it, who and until when. UNIQUE (source, source key): whatever creates a task twice (a retried batch, a
 * re-run feed, a webhook delivered twice) creates it once. A phone step's task is tied to its send (UNIQUE on
 * the send), so that the call's outcome comes back to the send as an event.
 */
export const callbackTasks = pgTable(
  'callback_tasks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    queueId: uuid('queue_id')
      .notNull()
      .references(() => callbackQueues.id, { onDelete: 'cascade' }),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    source: callbackTaskSourceEnum('source').notNull(),
    sourceKey: text('source_key').notNull(),
    sendId: bigint('send_id', { mode: 'number' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    stepId: uuid('step_id'),
    /** the number to call when the source gave one (else the contact's mobile, then landline) */
    phone: text('phone'),
    /** why the task is there, in words (shown in the queue) */
    reason: text('reason').notNull(),
    /** the evidence: the signal, the score, the clicks */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    priority: integer('priority').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    status: callbackTaskStatusEnum('status').notNull().default('open'),
    /** a callback promised by an agent goes back to that agent first */
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    lockedBy: uuid('locked_by').references(() => users.id, { onDelete: 'set null' }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    calls: integer('calls').notNull().default(0),
    lastOutcome: callOutcomeEnum('last_outcome'),
    lastCalledAt: timestamp('last_called_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    unique('callback_tasks_source_key').on(t.source, t.sourceKey),
    uniqueIndex('callback_tasks_send_key').on(t.sendId).where(sql`${t.source} = 'phone_step'`),
    index('callback_tasks_open_idx')
      .on(t.queueId, t.priority.desc(), t.dueAt, t.id)
      .where(sql`${t.status} = 'open'`),
    // "next" over every queue an agent works: walked in priority order, it stops at the first callable task
    index('callback_tasks_open_priority_idx')
      .on(t.priority.desc(), t.dueAt, t.id)
      .where(sql`${t.status} = 'open'`),
    index('callback_tasks_contact_idx').on(t.contactId, t.status),
  ],
);

/**
 * One live lock per contact: whoever takes a task holds its contact here until the lock's end, so that two
 * agents never call the same person at once, even from two different tasks taken at the same moment (the
 * primary key decides; ON CONFLICT sees the other agent's lock as soon as it commits).
 */
export const callbackContactLocks = pgTable('callback_contact_locks', {
  contactId: bigint('contact_id', { mode: 'number' })
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  taskId: bigint('task_id', { mode: 'number' }).notNull(),
  agentId: uuid('agent_id').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
});

/**
 * Every call made: by whom, to whom, for which task (and send), its outcome and what the outcome carries. The
 * calling rules read it (attempts in the last days, a refusal), the managers' figures are counted from it. Its
 * id is the `source_id` of the send event the outcome becomes.
 */
export const callAttempts = pgTable(
  'call_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: bigint('task_id', { mode: 'number' })
      .notNull()
      .references(() => callbackTasks.id, { onDelete: 'cascade' }),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    sendId: bigint('send_id', { mode: 'number' }),
    campaignId: uuid('campaign_id'),
    queueId: uuid('queue_id').notNull(),
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    outcome: callOutcomeEnum('outcome').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }),
    reason: text('reason'),
    lostReason: text('lost_reason', { enum: LOST_REASONS }),
    competitor: text('competitor'),
    note: text('note'),
    nextCallAt: timestamp('next_call_at', { withTimezone: true }),
    /** when the agent took the task (the call's handling time runs from there) */
    startedAt: timestamp('started_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('call_attempts_contact_idx').on(t.contactId, t.createdAt),
    index('call_attempts_agent_idx').on(t.agentId, t.createdAt),
    index('call_attempts_created_idx').on(t.createdAt),
  ],
);
