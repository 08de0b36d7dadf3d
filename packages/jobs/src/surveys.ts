import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './queues';

/**
 * The survey moments (issue 8): every morning the worker writes the day's invitations of each moment wave and
 * delivers them (surveys/survey-moments.ts in @relance/dispatch); a marketer can also ask for a run now.
 */
export const SURVEYS_QUEUE = 'surveys';
export const surveysJobSchema = z.object({ reason: z.enum(['daily', 'manual']) });
export type SurveysJob = z.infer<typeof surveysJobSchema>;

/** Every morning at 08:30 Paris time, so that the day's invitations go out within the send windows. */
export const SURVEYS_DAILY = {
  id: 'survey-moments-daily',
  pattern: '30 8 * * *',
  tz: 'Europe/Paris',
} as const;

const queues = new WeakMap<Redis, Map<string, Queue<SurveysJob>>>();

/** The surveys queue on this connection and prefix (made once, closed with the connection's owner). */
export function surveysQueue(connection: Redis, prefix: string): Queue<SurveysJob> {
  let byPrefix = queues.get(connection);
  if (!byPrefix) {
    byPrefix = new Map();
    queues.set(connection, byPrefix);
  }
  let queue = byPrefix.get(prefix);
  if (!queue) {
    queue = new Queue<SurveysJob>(SURVEYS_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    queue.on('error', (err) => console.error(`[queue ${SURVEYS_QUEUE}] ${err.message}`));
    byPrefix.set(prefix, queue);
  }
  return queue;
}

/** A run now (a manual request is one job a minute at most: asking twice runs once). */
export async function enqueueSurveyMoments(connection: Redis, prefix: string, reason: SurveysJob['reason']) {
  const minute = new Date()
    .toISOString()
    .slice(0, 16)
    .replace(/[^0-9]/g, '');
  await surveysQueue(connection, prefix).add(
    'moments',
    { reason },
    { jobId: `survey-moments-${reason}-${minute}` },
  );
}

export async function scheduleDailySurveyMoments(connection: Redis, prefix: string): Promise<void> {
  await surveysQueue(connection, prefix).upsertJobScheduler(
    SURVEYS_DAILY.id,
    { pattern: SURVEYS_DAILY.pattern, tz: SURVEYS_DAILY.tz },
    { name: 'moments', data: { reason: 'daily' } },
  );
}
