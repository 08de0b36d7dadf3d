import { type CallingRules, callingRulesSchema } from '@relance/domain/callbacks/calling-rules';
import type { CallOutcomeInput } from '@relance/domain/callbacks/outcome-input';
import {
  CALL_OUTCOMES,
  QUEUE_KINDS,
  TASK_SOURCES,
  TASK_STATUSES,
} from '@relance/domain/callbacks/vocabulary';
import { TIERS } from '@relance/domain/indicators';
import { LOST_REASONS } from '@relance/domain/winback/vocabulary';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const queueSchema = z.object({
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
export type QueueFigures = z.infer<typeof queueSchema>;

const taskSchema = z.object({
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
  queue: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  phone: z.string().nullable(),
});
export type CallTask = z.infer<typeof taskSchema>;

const contactSchema = z.object({
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
export type CallContact = z.infer<typeof contactSchema>;

const screenSchema = z.object({
  task: taskSchema,
  contact: contactSchema,
  script: z
    .object({
      campaign: z.object({ id: z.string(), name: z.string() }),
      script: z.object({ text: z.string(), html: z.string() }).nullable(),
      offer: z.string().nullable(),
    })
    .nullable(),
});
export type CallScreen = z.infer<typeof screenSchema>;

const outcomeAnswer = z.object({
  attemptId: z.number(),
  taskStatus: z.enum(TASK_STATUSES),
  dueAt: z.string().nullable(),
  event: z.string().nullable(),
  followUpTaskId: z.number().nullable(),
});

const statsSchema = z.object({
  from: z.string(),
  to: z.string(),
  queues: z.array(queueSchema),
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
export type CallStats = z.infer<typeof statsSchema>;

export function listQueues(signal?: AbortSignal) {
  return api('/api/callbacks/queues', z.object({ items: z.array(queueSchema) }), { signal });
}

export function takeNext(queueId: string | null) {
  return api('/api/callbacks/next', z.object({ item: screenSchema.nullable() }), {
    method: 'POST',
    body: { queueId },
  });
}

export function recordOutcome(taskId: number, body: CallOutcomeInput) {
  return api(`/api/callbacks/tasks/${taskId}/outcome`, outcomeAnswer, { method: 'POST', body });
}

export function releaseTask(taskId: number) {
  return api(`/api/callbacks/tasks/${taskId}/release`, null, { method: 'POST' });
}

export function extendTask(taskId: number) {
  return api(`/api/callbacks/tasks/${taskId}/extend`, z.object({ lockedUntil: z.string() }), {
    method: 'POST',
  });
}

export function getStats(days: number, signal?: AbortSignal) {
  const from = new Date(Date.now() - days * 86_400_000).toISOString();
  return api('/api/callbacks/stats', statsSchema, { query: { from }, signal });
}

export function feedNow() {
  return api('/api/callbacks/feed', z.object({ queued: z.boolean() }), { method: 'POST' });
}

export function getCallingRules(signal?: AbortSignal) {
  return api('/api/settings/calling-rules', callingRulesSchema, { signal });
}

export function saveCallingRules(body: CallingRules) {
  return api('/api/settings/calling-rules', callingRulesSchema, { method: 'PUT', body });
}
