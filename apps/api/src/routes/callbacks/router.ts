import { randomUUID } from 'node:crypto';
import { extendLock, releaseTask, takeNextTask } from '@relance/db/queries/callback-next';
import { recordCallOutcome } from '@relance/db/queries/callback-outcomes';
import { getCallContactCard, getCallTask, taskContactId } from '@relance/db/queries/callback-screen';
import {
  agentFigures,
  campaignOutcomes,
  listQueueTasks,
  queueFigures,
} from '@relance/db/queries/callback-stats';
import { createCallbackTasks } from '@relance/db/queries/callback-tasks';
import { getCallingRules, saveCallingRules } from '@relance/db/queries/calling-rules';
import { callScriptFor } from '@relance/dispatch/call-script';
import {
  callScreenAnswer,
  lockAnswer,
  nextAnswer,
  outcomeAnswer,
  queuesAnswer,
  queueTasksAnswer,
  statsAnswer,
} from '@relance/domain/api/callbacks';
import { callingRulesSchema } from '@relance/domain/callbacks/calling-rules';
import { callOutcomeInput } from '@relance/domain/callbacks/outcome-input';
import { AppError } from '@relance/domain/errors';
import { can } from '@relance/domain/permissions';
import { enqueueCallbacksFeed } from '@relance/jobs/enqueue';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId, type Principal, roleOf } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import {
  manualTaskBody,
  nextBody,
  queueAgentsBody,
  queueParams,
  queueTasksQuery,
  statsQuery,
  taskParams,
} from './schemas';

/** Calls are made by people: an API key has no queue, no lock, no call screen. */
function agentOf(principal: Principal): string {
  const id = actorId(principal);
  if (!id) throw new AppError('forbidden', 'Log in as an agent: an API key cannot take or record calls.');
  return id;
}

export function callbackRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db, sql } = deps.database;

  async function callScreen(taskId: number) {
    const task = await getCallTask(sql, taskId);
    const contactId = await taskContactId(sql, taskId);
    if (!task || contactId === null) throw AppError.notFound('This task');
    const [contact, script] = await Promise.all([
      getCallContactCard(sql, contactId),
      callScriptFor(db, deps.env.PUBLIC_URL ?? `http://localhost:${deps.env.PORT}`, {
        campaignId: task.campaign?.id ?? null,
        stepId: task.stepId,
        contactId,
        send: task.send,
      }),
    ]);
    return { task, contact: contact ?? {}, script };
  }

  api.add(
    {
      method: 'get',
      path: '/api/settings/calling-rules',
      summary: 'Calling rules: calling hours, attempts per contact, pause after a refusal, lock time, feed',
      tag: 'callbacks',
      access: 'calls:work',
      response: callingRulesSchema,
    },
    () => getCallingRules(db),
  );

  api.add(
    {
      method: 'put',
      path: '/api/settings/calling-rules',
      summary: 'Change the calling rules (the next "next" applies them)',
      tag: 'callbacks',
      access: 'settings:manage',
      body: callingRulesSchema,
      response: callingRulesSchema,
    },
    ({ body }) => saveCallingRules(db, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/callbacks/queues',
      summary: 'The callback queues the caller works (managers: all), with their sizes and ages',
      tag: 'callbacks',
      access: 'calls:work',
      response: queuesAnswer,
    },
    async ({ principal }) => ({
      items: await queueFigures(sql, can(roleOf(principal), 'calls:manage') ? null : agentOf(principal)),
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/callbacks/queues/:id/tasks',
      summary: 'A queue’s open tasks in the order "next" serves them, each with why it is there',
      tag: 'callbacks',
      access: 'calls:work',
      params: queueParams,
      query: queueTasksQuery,
      response: queueTasksAnswer,
    },
    async ({ params, query }) => ({ items: await listQueueTasks(sql, params.id, query.limit) }),
  );

  api.add(
    {
      method: 'put',
      path: '/api/callbacks/queues/:id/agents',
      summary: 'Who works a queue (a team): an empty list opens it to every telemarketer',
      tag: 'callbacks',
      access: 'calls:manage',
      params: queueParams,
      body: queueAgentsBody,
    },
    async ({ params, body }) => {
      const rows = await sql`UPDATE callback_queues SET agent_ids = ${sql.array(body.agentIds)}::uuid[]
                              WHERE id = ${params.id}::uuid RETURNING id`;
      if (rows.length === 0) throw AppError.notFound('This queue');
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/callbacks/next',
      summary:
        'Next: the best callable task (priority, then due time), locked to the caller for the rules’ lock time, ' +
        'with its call screen (contact card, script and offer); the task already held comes back first; ' +
        'item null when nothing is callable now',
      tag: 'callbacks',
      access: 'calls:work',
      body: nextBody,
      response: nextAnswer,
    },
    async ({ body, principal }) => {
      const agentId = agentOf(principal);
      const rules = await getCallingRules(db);
      const id = await takeNextTask(db, { agentId, queueIds: body.queueId ? [body.queueId] : null, rules });
      return { item: id === null ? null : await callScreen(id) };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/callbacks/tasks/:id',
      summary: 'A task’s call screen: why it is there, the contact card, the campaign’s script and offer',
      tag: 'callbacks',
      access: 'calls:work',
      params: taskParams,
      response: callScreenAnswer,
    },
    ({ params }) => callScreen(params.id),
  );

  api.add(
    {
      method: 'post',
      path: '/api/callbacks/tasks/:id/outcome',
      summary:
        'Record a call’s outcome on a task the caller holds: the call is logged, the task is tried again, ' +
        'called back, closed or cancelled, and the outcome becomes an event on the task’s send',
      tag: 'callbacks',
      access: 'calls:work',
      params: taskParams,
      body: callOutcomeInput,
      response: outcomeAnswer,
      status: 201,
    },
    async ({ params, body, principal }) =>
      recordCallOutcome(db, {
        taskId: params.id,
        agentId: agentOf(principal),
        input: body,
        rules: await getCallingRules(db),
      }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/callbacks/tasks/:id/release',
      summary: 'Give a held task back to its queue without calling (skip)',
      tag: 'callbacks',
      access: 'calls:work',
      params: taskParams,
    },
    async ({ params, principal }) => {
      if (!(await releaseTask(db, params.id, agentOf(principal))))
        throw new AppError('conflict', 'You do not hold this task (its lock may have run out).');
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/callbacks/tasks/:id/extend',
      summary: 'Still on the call: the lock on the task runs again for the rules’ lock time',
      tag: 'callbacks',
      access: 'calls:work',
      params: taskParams,
      response: lockAnswer,
    },
    async ({ params, principal }) => {
      const until = await extendLock(db, params.id, agentOf(principal), await getCallingRules(db));
      if (!until)
        throw new AppError('conflict', 'You no longer hold this task (its lock ran out): press Next.');
      return { lockedUntil: until };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/callbacks/tasks',
      summary: 'Create a callback task by hand (or for a cancellation request), in a team queue',
      tag: 'callbacks',
      access: 'calls:create',
      body: manualTaskBody,
      response: z.object({ id: z.number() }),
      status: 201,
    },
    async ({ body, principal }) => {
      const [exists] = await sql`SELECT 1 FROM contacts WHERE id = ${body.contactId}`;
      if (!exists)
        throw AppError.validation('This contact does not exist.', [
          { field: 'contactId', message: 'Choose a contact of the file' },
        ]);
      const [id] = await createCallbackTasks(db, [
        {
          source: body.source,
          sourceKey: randomUUID(),
          contactId: body.contactId,
          reason: body.reason,
          dueAt: body.dueAt ?? null,
          phone: body.phone ?? null,
          createdBy: actorId(principal),
          ...(body.queue ? { queue: body.queue } : {}),
        },
      ]);
      return { id: id! };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/callbacks/stats',
      summary:
        'Managers’ figures: queue sizes and ages, agent productivity (calls per hour, reach rate, conversion), ' +
        'outcomes per campaign, over [from, to) (the last 7 days by default)',
      tag: 'callbacks',
      access: 'calls:manage',
      query: statsQuery,
      response: statsAnswer,
    },
    async ({ query }) => ({
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      queues: await queueFigures(sql),
      agents: await agentFigures(sql, query.from, query.to),
      campaigns: await campaignOutcomes(sql, query.from, query.to),
    }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/callbacks/feed',
      summary: 'Feed the queues now from win-back and tracking (the worker also does every 15 minutes)',
      tag: 'callbacks',
      access: 'calls:manage',
      status: 202,
    },
    async () => {
      await enqueueCallbacksFeed(deps.queues, 'manual');
      return { queued: true };
    },
  );
}
