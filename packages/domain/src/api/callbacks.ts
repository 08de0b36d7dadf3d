/**
 * The callback queues' answers, declared once: the API validates and documents them, the web app parses them.
 * Pure zod, no I/O.
 */

import { z } from 'zod';
import { CALL_OUTCOMES, QUEUE_KINDS, TASK_SOURCES, TASK_STATUSES } from '../callbacks/vocabulary';
import { TIERS } from '../indicators';
import { LOST_REASONS } from '../winback/vocabulary';

export const callTaskAnswer = z.object({
  id: z.number(),
  source: z.enum(TASK_SOURCES),
  reason: z.string(),
  detail: z.record(z.string(), z.unknown()),
  priority: z.number(),
  dueAt: z.string(),
  status: z.enum(TASK_STATUSES),
  calls: z.number(),
  lastOutcome: z.enum(CALL_OUTCOMES).nullable(),
  lockedUntil: z.string().nullable(),
  lockedBy: z.string().nullable(),
  queue: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  stepId: z.string().nullable(),
  sendId: z.number().nullable(),
  send: z.object({ variant: z.enum(['A', 'B', 'C']), trackingCode: z.string().nullable() }).nullable(),
  phone: z.string().nullable(),
});
export type CallTask = z.infer<typeof callTaskAnswer>;

/**
 * The contact card of the call screen. The API documents the screen's contact as an open object
 * (callScreenAnswer); the web app reads it with this shape (callScreenWithContact).
 */
export const callContactCard = z.object({
  id: z.number(),
  kind: z.enum(['person', 'company']),
  civility: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  stats: z.object({
    orderCount: z.number(),
    revenueCents: z.number(),
    lastOrderAt: z.string().nullable(),
    tier: z.enum(TIERS).nullable(),
  }),
  orders: z.array(
    z.object({ id: z.number(), orderedAt: z.string(), amountCents: z.number(), promo: z.boolean() }),
  ),
  campaigns: z.array(
    z.object({
      campaignId: z.string(),
      name: z.string(),
      channel: z.string(),
      at: z.string(),
      status: z.string(),
      kinds: z.array(z.string()),
    }),
  ),
  complaints: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      subject: z.string().nullable(),
      at: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
  calls: z.array(
    z.object({
      id: z.number(),
      outcome: z.enum(CALL_OUTCOMES),
      at: z.string(),
      agent: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  lostReason: z
    .object({ reason: z.enum(LOST_REASONS), competitor: z.string().nullable(), lostAt: z.string() })
    .nullable(),
  scores: z.object({
    reactivationScore: z.number().nullable(),
    churnProbability: z.number().nullable(),
    formerSince: z.string().nullable(),
    signals: z.array(z.string()),
  }),
});
export type CallContact = z.infer<typeof callContactCard>;

/** GET /api/callbacks/tasks/:id (and the item of POST /api/callbacks/next) */
export const callScreenAnswer = z.object({
  task: callTaskAnswer,
  contact: z.record(z.string(), z.unknown()),
  script: z
    .object({
      campaign: z.object({ id: z.string(), name: z.string() }),
      script: z.object({ text: z.string(), html: z.string() }).nullable(),
      offer: z.string().nullable(),
    })
    .nullable(),
});
/** The call screen with its contact card read in full. */
export const callScreenWithContact = callScreenAnswer.extend({ contact: callContactCard });
export type CallScreen = z.infer<typeof callScreenWithContact>;

/** POST /api/callbacks/next */
export const nextAnswer = z.object({ item: callScreenAnswer.nullable() });
export const nextWithContact = z.object({ item: callScreenWithContact.nullable() });

/** POST /api/callbacks/tasks/:id/outcome */
export const outcomeAnswer = z.object({
  attemptId: z.number(),
  taskStatus: z.enum(TASK_STATUSES),
  dueAt: z.string().nullable(),
  event: z.string().nullable(),
  followUpTaskId: z.number().nullable(),
});
export type OutcomeAnswer = z.infer<typeof outcomeAnswer>;

/** POST /api/callbacks/tasks/:id/extend */
export const lockAnswer = z.object({ lockedUntil: z.string() });

export const queueFiguresAnswer = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  kind: z.enum(QUEUE_KINDS),
  agentIds: z.array(z.string()),
  open: z.number(),
  due: z.number(),
  locked: z.number(),
  oldestDueSeconds: z.number().nullable(),
  averageDueSeconds: z.number().nullable(),
  closedToday: z.number(),
});
export type QueueFigures = z.infer<typeof queueFiguresAnswer>;

/** GET /api/callbacks/queues */
export const queuesAnswer = z.object({ items: z.array(queueFiguresAnswer) });

/** GET /api/callbacks/queues/:id/tasks */
export const queueTasksAnswer = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      contactId: z.number(),
      name: z.string(),
      source: z.string(),
      reason: z.string(),
      priority: z.number(),
      dueAt: z.string(),
      calls: z.number(),
      lastOutcome: z.enum(CALL_OUTCOMES).nullable(),
      lockedBy: z.string().nullable(),
    }),
  ),
});

/** GET /api/callbacks/stats */
export const statsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  queues: z.array(queueFiguresAnswer),
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string(),
      calls: z.number(),
      activeHours: z.number(),
      callsPerHour: z.number(),
      reached: z.number(),
      reachRate: z.number(),
      converted: z.number(),
      conversionRate: z.number(),
      sales: z.number(),
      salesCents: z.number(),
      averageHandlingSeconds: z.number().nullable(),
    }),
  ),
  campaigns: z.array(
    z.object({
      campaignId: z.string().nullable(),
      name: z.string().nullable(),
      calls: z.number(),
      outcomes: z.record(z.string(), z.number()),
      salesCents: z.number(),
    }),
  ),
});
export type CallStats = z.infer<typeof statsAnswer>;
