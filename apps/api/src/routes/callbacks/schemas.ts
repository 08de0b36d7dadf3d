import { TEAM_QUEUES } from '@relance/domain/callbacks/vocabulary';
import { z } from 'zod';

// the answers are declared once, in @relance/domain/api/callbacks (the web app parses them too)

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
