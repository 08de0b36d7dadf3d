/**
 * Benchmark: "next" on callback queues of 200,000 open tasks (200,000 contacts with a mobile; one contact in 10
 * already called 4 times this month, one in 50 on the do-not-call list, one in 20 abroad), with the same
 * `takeNextTask` the API calls. Each run takes a task and gives it back (release), so the queue stays the same.
 * Value: the median of a single agent's "next", in ms; also logged: 8 agents at once (each takes 20 tasks in a row)
 * and the tasks per second they reach.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { releaseTask, takeNextTask } from '@relance/db/queries/callback-next';
import { ensureQueues } from '@relance/db/queries/callback-tasks';
import { DEFAULT_CALLING_RULES } from '@relance/domain/callbacks/calling-rules';
import { resolvePostgresServer } from '../lib/postgres-server';

const TASKS = Number(process.env.BENCH_ROWS ?? 200_000);
const RUNS = 41;
const TARGET_MS = 50;
const log = (line: string) => console.error(`[callback-next] ${line}`);
/** any hour, any day: the benchmark times the queue, not the clock */
const rules = {
  ...DEFAULT_CALLING_RULES,
  window: {
    timeZone: 'Europe/Paris',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as ('mon' | 'tue')[],
    hours: [{ from: '00:00', to: '24:00' }],
    closedOnPublicHolidays: false,
  },
};

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const name = `relance_bench_callbacks_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 10 });
  try {
    await runMigrations(url);
    const { sql, db } = database;
    let t = performance.now();
    await sql`
      INSERT INTO contacts (last_name, mobile, country)
      SELECT 'Client ' || i, '+336' || lpad(i::text, 8, '0'), CASE WHEN i % 20 = 0 THEN 'BE' ELSE 'FR' END
        FROM generate_series(1, ${TASKS}) i`;
    await ensureQueues(db, ['team:winback', 'team:prospects', 'team:care']);
    await sql`
      INSERT INTO callback_tasks (queue_id, contact_id, source, source_key, reason, priority, due_at)
      SELECT (SELECT id FROM callback_queues ORDER BY key OFFSET c.id % 3 LIMIT 1), c.id, 'winback', c.id::text,
             'bench', (c.id * 7919) % 100, now() - interval '1 hour'
        FROM contacts c`;
    const [agent] = await sql<{ id: string }[]>`
      INSERT INTO users (email, name, role, password_hash) VALUES ('bench@x.test', 'Bench', 'telemarketer', 'x') RETURNING id`;
    // one contact in 10 called 4 times this month (no more calls), one in 50 on the do-not-call list
    await sql`
      INSERT INTO call_attempts (task_id, contact_id, queue_id, agent_id, outcome, created_at)
      SELECT t.id, t.contact_id, t.queue_id, ${agent!.id}, 'no_answer', now() - g * interval '1 day'
        FROM callback_tasks t, generate_series(1, 4) g WHERE t.contact_id % 10 = 0`;
    await sql`
      INSERT INTO suppressions (channel, address, reason, source)
      SELECT 'phone', mobile, 'do_not_call', 'bench' FROM contacts WHERE id % 50 = 0`;
    await sql`VACUUM ANALYZE`;
    log(`seeded ${TASKS.toLocaleString('en')} tasks in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const id = await takeNextTask(db, { agentId: agent!.id, queueIds: null, rules });
      times.push(performance.now() - start);
      if (id === null) throw new Error('no task taken');
      await releaseTask(db, id, agent!.id);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    log(`one agent: median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${RUNS} runs`);

    const agents = await sql<{ id: string }[]>`
      INSERT INTO users (email, name, role, password_hash)
      SELECT 'agent' || i || '@x.test', 'Agent ' || i, 'telemarketer', 'x' FROM generate_series(1, 8) i RETURNING id`;
    t = performance.now();
    const taken = await Promise.all(
      agents.map(async (a) => {
        const mine: number[] = [];
        for (let i = 0; i < 20; i++) {
          const id = await takeNextTask(db, { agentId: a.id, queueIds: null, rules });
          if (id !== null) {
            mine.push(id);
            await sql`UPDATE callback_tasks SET status = 'done', locked_by = NULL WHERE id = ${id}`;
            await sql`DELETE FROM callback_contact_locks WHERE task_id = ${id}`;
          }
        }
        return mine;
      }),
    );
    const all = taken.flat();
    const elapsed = (performance.now() - t) / 1000;
    log(
      `8 agents at once: ${all.length} tasks (${new Set(all).size} different) in ${elapsed.toFixed(2)} s, ` +
        `${(all.length / elapsed).toFixed(0)} tasks per second`,
    );
    console.log(
      JSON.stringify({
        name: 'callback-next',
        value: Math.round(median * 10) / 10,
        unit: 'ms',
        target: TARGET_MS,
        ok: median <= TARGET_MS,
      }),
    );
  } finally {
    await database.close();
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
