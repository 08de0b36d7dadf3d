import {
  type CallContact,
  type CallScreen,
  type CallStats,
  type CallTask,
  lockAnswer,
  nextWithContact,
  outcomeAnswer,
  type QueueFigures,
  queuesAnswer,
  statsAnswer,
} from '@relance/domain/api/callbacks';
import { type CallingRules, callingRulesSchema } from '@relance/domain/callbacks/calling-rules';
import type { CallOutcomeInput } from '@relance/domain/callbacks/outcome-input';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export type { CallContact, CallScreen, CallStats, CallTask, QueueFigures };

export function listQueues(signal?: AbortSignal) {
  return api('/api/callbacks/queues', queuesAnswer, { signal });
}

export function takeNext(queueId: string | null) {
  return api('/api/callbacks/next', nextWithContact, {
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
  return api(`/api/callbacks/tasks/${taskId}/extend`, lockAnswer, {
    method: 'POST',
  });
}

export function getStats(days: number, signal?: AbortSignal) {
  const from = new Date(Date.now() - days * 86_400_000).toISOString();
  return api('/api/callbacks/stats', statsAnswer, { query: { from }, signal });
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
