import {
  CALL_OUTCOMES,
  QUEUE_KINDS,
  TASK_SOURCES,
  TASK_STATUSES,
  TEAM_QUEUES,
} from '@relance/domain/callbacks/vocabulary';
import { z } from 'zod';

export const taskParams = z.object({ id: z.coerce.number().int().positive({ error: 'Not a task id' }) });
export const queueParams = z.object({ id: z.uuid({ error: 'Not a queue id' }) });

export const nextBody = z.object({
  /** the queue to work; left out: every queue the agent works */
  queueId: z.uuid({ error: 'Choose a queue from the list' }).nullish(),
});

export const queueTasksQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'At least 1' })
    .max(200, { error: 'At most 200' })
    .default(50),
});

export const statsQuery = z
  .object({
    from: z.coerce.date({ error: 'Give the start as a date' }).optional(),
    to: z.coerce.date({ error: 'Give the end as a date' }).optional(),
  })
  .transform((q) => {
    const to = q.to ?? new Date();
    return { to, from: q.from ?? new Date(to.getTime() - 7 * 86_400_000) };
  });

export const queueAgentsBody = z.object({
  agentIds: z.array(z.uuid({ error: 'Not a user id' })).max(500),
});

export const manualTaskBody = z.object({
  contactId: z.number({ error: 'Choose a contact' }).int().positive({ error: 'Choose a contact' }),
  reason: z.string().trim().min(1, { error: 'Say why this person should be called' }).max(500),
  source: z.enum(['manual', 'cancellation'], { error: 'manual or cancellation' }).default('manual'),
  queue: z.enum(TEAM_QUEUES, { error: `One of ${TEAM_QUEUES.join(', ')}` }).optional(),
  dueAt: z.coerce.date({ error: 'Give the time to call as a date and time' }).optional(),
  phone: z.string().trim().max(30).optional(),
});

const queue = z.object({ id: z.string(), key: z.string(), name: z.string() });
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
  queue,
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  stepId: z.string().nullable(),
  sendId: z.number().nullable(),
  send: z.object({ variant: z.enum(['A', 'B', 'C']), trackingCode: z.string().nullable() }).nullable(),
  phone: z.string().nullable(),
});

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
export const nextAnswer = z.object({ item: callScreenAnswer.nullable() });

export const outcomeAnswer = z.object({
  attemptId: z.number(),
  taskStatus: z.enum(TASK_STATUSES),
  dueAt: z.string().nullable(),
  event: z.string().nullable(),
  followUpTaskId: z.number().nullable(),
});

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
export const queuesAnswer = z.object({ items: z.array(queueFiguresAnswer) });

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
