/**
 * Benchmark: SendGrid Event Webhook intake, end to end. A load generator (this process) posts signed batches of
 * 1,000 events (SendGrid's batch size) to the real API (a child process), which verifies each ECDSA signature over
 * the raw body (node:crypto), keeps the batch in inbound_batches and enqueues its intake job; the real
 * worker (startWorkers, in this process) normalises each batch and records it with applySendEvents (send_events,
 * send_outcomes, send_rollups, suppressions). A tenth of the batches are posted twice (SendGrid's retries): their
 * events must be recorded once.
 *
 * Value: events per second, from the first post to the last batch processed, counting distinct events. Checked:
 * every distinct event recorded exactly once, the rollups' counts equal to the events.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { assertNoEviction, createRedis } from '@relance/jobs/redis';
import { SendgridWebhookSigner } from '@relance/sandbox/signing';
import { startWorkers } from '../../apps/worker/src/workers';
import { abEmailPlan, createPlannedCampaign } from '../../tests/support/dispatch-fixtures';
import { resolvePostgresServer } from '../lib/postgres-server';

const SENDS = Number(process.env.BENCH_ROWS ?? 100_000);
const PER_POST = 1000;
const CONCURRENCY = Number(process.env.BENCH_POST_CONCURRENCY ?? 4);
const TARGET = 20_000;
const log = (line: string) => console.error(`[webhook-intake] ${line}`);
const here = path.dirname(fileURLToPath(import.meta.url));

function startApiChild(env: Record<string, string>) {
  const child = fork(path.join(here, '_webhook-api-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m: { kind: string; url?: string }) => m.kind === 'ready' && resolve(m.url!));
  });
  const stop = () =>
    new Promise<{ cpuSeconds: number; rssMb: number }>((resolve) => {
      child.on(
        'message',
        (m: { kind: string; cpuSeconds: number; rssMb: number }) => m.kind === 'stopped' && resolve(m),
      );
      child.send({ kind: 'stop' });
    });
  return { ready, stop, kill: () => child.kill('SIGKILL') };
}

/** CPU seconds used so far by the PostgreSQL backends of the API's and the worker's pools (null: /proc unreadable). */
async function backendCpu(sql: ReturnType<typeof createDb>['sql']): Promise<number | null> {
  const rows = await sql<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity
     WHERE application_name IN ('relance-bench-webhooks', 'relance-api') AND datname = current_database()`;
  let total = 0;
  try {
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    }
  } catch {
    return null;
  }
  return total;
}

async function seed(database: ReturnType<typeof createDb>): Promise<{ first: number; last: number }> {
  const { sql, db } = database;
  await sql`
    INSERT INTO contacts (external_id, kind, first_name, last_name, email)
    SELECT 'd' || i, 'person', 'Prénom' || i, 'Nom' || i, 'client' || i || '@exemple.fr'
      FROM generate_series(1, ${SENDS}) i`;
  const campaign = await createPlannedCampaign(db, abEmailPlan());
  const step = campaign.steps[0]!;
  const [wave] = await sql<{ id: string }[]>`
    INSERT INTO send_waves (campaign_id, step_id, phase, variant, channel, due_at, materialised_at, enqueued_at)
    VALUES (${campaign.campaign.id}, ${step.id}, 'test', 'A', 'email', now(), now(), now()) RETURNING id`;
  const [range] = await sql<{ first: string; last: string }[]>`
    WITH ins AS (
      INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, tracking_code, status,
                         address, provider_id, finished_at)
      SELECT ${wave!.id}, ${campaign.campaign.id}, ${step.id}, c.id, 'test',
             (CASE WHEN c.id % 2 = 0 THEN 'B' ELSE 'A' END)::variant_label, 'email',
             'T' || lpad(c.id::text, 9, '0'), 'sent', c.email, 'sg-bench', now()
        FROM contacts c ORDER BY c.id
      RETURNING id)
    SELECT min(id) AS first, max(id) AS last FROM ins`;
  await sql`VACUUM ANALYZE`;
  return { first: Number(range!.first), last: Number(range!.last) };
}

/** Per send: delivered, and an open for one in two, a click for one in ten, a bounce instead for one in fifty. */
function events(first: number, last: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const t = Math.floor(Date.now() / 1000);
  for (let id = first; id <= last; id++) {
    const base = {
      email: `client${id}@exemple.fr`,
      timestamp: t,
      'smtp-id': `<bench.${id}@ismtpd-bench>`,
      sg_message_id: `bench.filterdrecv-${id}.0`,
      category: ['campaign-bench'],
      send_id: String(id),
    };
    if (id % 50 === 0) {
      out.push({
        ...base,
        event: 'bounce',
        sg_event_id: `b${id}`,
        type: 'bounce',
        status: '5.1.1',
        reason: '550',
      });
      continue;
    }
    out.push({ ...base, event: 'delivered', sg_event_id: `d${id}`, response: '250 OK' });
    if (id % 2 === 0)
      out.push({ ...base, event: 'open', sg_event_id: `o${id}`, useragent: 'Mozilla/5.0', ip: '192.0.2.1' });
    if (id % 10 === 0)
      out.push({ ...base, event: 'click', sg_event_id: `c${id}`, url: 'https://shop.example/offre' });
  }
  return out;
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const name = `relance_bench_webhooks_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 12, applicationName: 'relance-bench-webhooks' });
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-webhooks-${randomBytes(3).toString('hex')}`;
  const connection = createRedis(redisUrl, 'worker');
  const signer = new SendgridWebhookSigner();
  const api = startApiChild({
    BENCH_DATABASE_URL: url,
    BENCH_PREFIX: prefix,
    BENCH_SENDGRID_KEY: signer.publicKey,
  });
  let workers: Awaited<ReturnType<typeof startWorkers>> | null = null;
  try {
    await assertNoEviction(connection);
    await runMigrations(url);
    const range = await seed(database);
    const all = events(range.first, range.last);
    const bodies: string[] = [];
    for (let i = 0; i < all.length; i += PER_POST) bodies.push(JSON.stringify(all.slice(i, i + PER_POST)));
    // one batch in ten posted twice, the second time later (a retry)
    const posts = [...bodies, ...bodies.filter((_b, i) => i % 10 === 0)].map((body) => ({
      body,
      headers: { 'content-type': 'application/json', ...signer.headers(body) },
    }));
    log(
      `${SENDS.toLocaleString('en')} sends; ${all.length.toLocaleString('en')} distinct events in ${posts.length} posts (${bodies.length} + ${posts.length - bodies.length} re-posted)`,
    );
    const apiUrl = await api.ready;
    workers = await startWorkers({
      database,
      connection,
      prefix,
      importConcurrency: 1,
      intakeConcurrency: Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 4),
      log: (line) => (/intake|error/i.test(line) ? log(line) : undefined),
    });

    const loadStart = os.loadavg()[0]!.toFixed(2);
    const pgBefore = await backendCpu(database.sql);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < posts.length) {
          const post = posts[next++]!;
          const t = performance.now();
          const res = await fetch(`${apiUrl}/webhooks/sendgrid`, {
            method: 'POST',
            headers: post.headers,
            body: post.body,
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const posted = performance.now();
    for (;;) {
      const [row] = await database.sql<{ open: number }[]>`
        SELECT count(*)::int AS open FROM inbound_batches WHERE processed_at IS NULL`;
      if (row!.open === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = (performance.now() - started) / 1000;
    const loadEnd = os.loadavg()[0]!.toFixed(2);
    const cpu = process.cpuUsage(cpuBefore);
    const pgAfter = await backendCpu(database.sql);
    const pgCpu = pgBefore === null || pgAfter === null ? 'unknown' : `${(pgAfter - pgBefore).toFixed(1)} s`;

    const [recorded] = await database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM send_events`;
    const [rolled] = await database.sql<{ n: number }[]>`SELECT sum(events)::int AS n FROM send_rollups`;
    const [batches] = await database.sql<{ n: number; errors: number; recorded: number }[]>`
      SELECT count(*)::int AS n, count(error)::int AS errors, sum(recorded)::int AS recorded FROM inbound_batches`;
    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    log(
      `answers: ${JSON.stringify(Object.fromEntries(statuses))}; post latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms; all posted in ${((posted - started) / 1000).toFixed(2)} s`,
    );
    log(
      `batches: ${batches!.n} kept, ${batches!.errors} with an error; events recorded ${recorded!.n.toLocaleString('en')} (rollups ${rolled!.n.toLocaleString('en')}, batches say ${batches!.recorded.toLocaleString('en')})`,
    );
    log(`load average ${loadStart} at the start, ${loadEnd} at the end; ${os.cpus().length} cores`);
    log(
      `CPU: worker and load generator ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, PostgreSQL backends ${pgCpu} (API process below)`,
    );
    const rate = Math.round(all.length / elapsed);
    const exact = recorded!.n === all.length && rolled!.n === all.length && batches!.recorded === all.length;
    if (!exact) log('INEXACT: events were lost or recorded twice');
    const apiStats = await api.stop();
    log(`API process: CPU ${apiStats.cpuSeconds.toFixed(1)} s, RSS ${apiStats.rssMb} MB`);
    console.log(
      JSON.stringify({
        name: 'webhook-intake',
        value: rate,
        unit: `events/s (${all.length.toLocaleString('en')} distinct SendGrid events in batches of ${PER_POST}, 10% re-posted, posted to the API and applied by the worker in ${elapsed.toFixed(2)} s)`,
        target: TARGET,
        ok: exact && rate >= TARGET,
      }),
    );
  } finally {
    await workers?.close();
    api.kill();
    const keys = await connection.keys(`${prefix}:*`);
    if (keys.length) await connection.del(...keys);
    await connection.quit().catch(() => connection.disconnect());
    await database.close();
    if (process.env.BENCH_KEEP) log(`kept database ${name}`);
    else await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
