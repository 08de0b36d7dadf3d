/**
 * Benchmark: SMS sent at a configured pace. A fresh database with 2 × BENCH_SMS contacts, every other one with a
 * mobile and an SMS opt-in (the others have neither: skipped when the sends are written); one SMS campaign rolled
 * out with `applyDispatchEvent('rollout')` and sent by the real worker (the same `startWorkers` as `pnpm start`,
 * in this process) at `paces: { sms: { perSecond: BENCH_RATE } }` with SMS concurrency 2, so that two batch jobs
 * at once share one pace (GCRA slots in Redis), through the Twilio adapter to the provider sandbox (a child
 * process, as with `pnpm start`).
 *
 * Value: the pace measured from the sandbox's receipt times — the least-squares slope of messages over time (one
 * late first request, waiting for its connection, does not decide it). Target: BENCH_RATE; ok when within 5 % of
 * it and, after the first second, no whole second held more than the rate + 5 %, and every SMS was sent exactly
 * once (every send `sent`, the sandbox got BENCH_SMS messages to BENCH_SMS distinct numbers).
 *
 * Logged to explain a miss: the count of every second; CPU seconds of the worker process, the sandbox and the
 * PostgreSQL backends serving the worker (from /proc); the load average; the worker's event-loop lag (a 20 ms
 * timer) and what its PostgreSQL backends were doing (pg_stat_activity every 100 ms), over the run and around
 * each second that fell more than 5 % short of the pace.
 *
 *   BENCH_SMS=1000 BENCH_RATE=50 pnpm bench sms-pace
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseProviderConfig } from '@relance/channels/provider-config';
import { createDb, type Sql } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { createCampaign } from '@relance/db/queries/campaigns';
import { applyDispatchEvent } from '@relance/dispatch/lifecycle';
import { campaignInputSchema } from '@relance/domain/planning/campaign-input';
import { createQueues } from '@relance/jobs/enqueue';
import { assertNoEviction, createRedis } from '@relance/jobs/redis';
import { startWorkers } from '../../apps/worker/src/workers';
import { perSecond, slopePerSecond } from '../../tests/support/pace';
import { resolvePostgresServer } from '../lib/postgres-server';
import { backendCpu, cpuSince } from './_backend-cpu';
import { startSandboxChild } from './_sandbox-process';

const SMS = Number(process.env.BENCH_SMS ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const TOLERANCE = 0.05;
const WORKER_APP = 'relance-bench-sms';
const log = (line: string) => console.error(`[sms-pace] ${line}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function seed(sql: Sql) {
  await sql`
    INSERT INTO contacts (kind, civility, first_name, last_name, mobile)
    SELECT 'person', CASE WHEN i % 4 = 0 THEN 'Mme' ELSE 'M.' END, 'Prénom' || i, 'Nom' || i,
           CASE WHEN i % 2 = 0 THEN '+336' || lpad(i::text, 8, '0') END
      FROM generate_series(1, ${2 * SMS}) i`;
  await sql`
    INSERT INTO consents (contact_id, channel, status, legal_basis, source)
    SELECT id, 'sms', 'opt_in', 'consent', 'bench' FROM contacts WHERE mobile IS NOT NULL`;
  await sql`VACUUM ANALYZE`;
}

const loadAverage = async () => (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];

interface SandboxCount {
  requests: number;
  recipients: number;
  distinct: number;
  received: string[];
  rssMb: number;
  cpuSeconds: number;
}

interface ActivitySample {
  at: number;
  states: Map<string, number>;
}

/** What the worker's PostgreSQL backends are doing, sampled every 100 ms: counts by state and wait event. */
function sampleActivity(sql: Sql) {
  const samples: ActivitySample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await sql<{ what: string; n: number }[]>`
        SELECT CASE WHEN state = 'active' THEN 'active ' || coalesce(wait_event_type || ':' || wait_event, 'CPU')
                    ELSE coalesce(state, '?') END AS what,
               count(*)::int AS n
          FROM pg_stat_activity WHERE application_name = ${WORKER_APP} GROUP BY 1`;
      samples.push({ at: Date.now(), states: new Map(rows.map((r) => [r.what, r.n])) });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

/** Mean backends in each state over the samples taken in [from, to). */
function summarise(samples: readonly ActivitySample[], from = 0, to = Number.POSITIVE_INFINITY): string {
  const within = samples.filter((s) => s.at >= from && s.at < to);
  const sums = new Map<string, number>();
  for (const s of within) for (const [what, n] of s.states) sums.set(what, (sums.get(what) ?? 0) + n);
  return (
    [...sums.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([what, n]) => `${what} ${(n / Math.max(1, within.length)).toFixed(2)}`)
      .join(', ') || 'no sample'
  );
}

/** Event-loop lag of this (the worker's) process: how late each 20 ms timer fired. */
function sampleLag() {
  const ticks: { at: number; lateMs: number }[] = [];
  let expected = performance.now() + 20;
  const timer = setInterval(() => {
    ticks.push({ at: Date.now(), lateMs: Math.max(0, performance.now() - expected) });
    expected = performance.now() + 20;
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return ticks;
    },
  };
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const name = `relance_bench_sms_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  // the worker's pool, as in apps/worker (postgres.js's default of 10 connections); the bench reads on its own
  const database = createDb(url, { applicationName: WORKER_APP });
  const probe = createDb(url, { max: 2, applicationName: 'relance-bench-sms-probe' });
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-sms-${randomBytes(3).toString('hex')}`;
  const connection = createRedis(redisUrl, 'worker');
  const producer = createRedis(redisUrl, 'producer');
  const sandbox = startSandboxChild<SandboxCount>();
  try {
    await assertNoEviction(connection);
    await runMigrations(url);
    const t = performance.now();
    await seed(probe.sql);
    log(
      `seeded ${(2 * SMS).toLocaleString('en')} contacts, ${SMS.toLocaleString('en')} with a mobile and an SMS opt-in, in ${seconds(t)} s`,
    );
    const { url: sandboxUrl } = await sandbox.ready;
    // nobody listens on PUBLIC_URL: the sandbox's status callbacks are refused at once
    const providers = parseProviderConfig({ SANDBOX_URL: sandboxUrl, PUBLIC_URL: 'http://127.0.0.1:9' });
    if (!providers.ok) throw new Error(providers.problems.join('; '));
    const workers = await startWorkers({
      database,
      connection,
      prefix,
      importConcurrency: 1,
      dispatch: {
        providers: providers.config,
        sweep: false,
        paces: { sms: { perSecond: RATE } },
        concurrency: { sms: 2 },
      },
      log: (line) => {
        if (!line.includes(' completed')) log(`worker: ${line}`);
      },
    });
    const queues = createQueues(producer, prefix);
    const stored = await createCampaign(probe.db, {
      plan: campaignInputSchema.parse({
        name: 'Bench: SMS pace',
        kind: 'win_back',
        objective: 'sale',
        averageOrderValueCents: 8_000,
        marginRate: 0.3,
        steps: [
          {
            channel: 'sms',
            offsetDays: 0,
            content: {
              senderName: 'RELANCE',
              text: 'Relance: -20% avec le code {{trackingCode}} STOP 36111',
            },
            sendWindow: {
              timeZone: 'Europe/Paris',
              days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
              hours: [{ from: '00:00', to: '24:00' }],
              closedOnPublicHolidays: false,
            },
          },
        ],
      }),
      ownerId: null,
    });
    const campaignId = stored.campaign.id;
    const sandboxCpuStart = (await sandbox.count()).cpuSeconds;
    const cpuStart = process.cpuUsage();
    const pgStart = await backendCpu(probe.sql, WORKER_APP);
    const loadStart = await loadAverage();
    const activity = sampleActivity(probe.sql);
    const lag = sampleLag();
    const start = performance.now();
    await applyDispatchEvent(
      { db: probe.db, queues },
      { campaignId, event: 'rollout', version: stored.campaign.version, actorId: null },
    );
    // done when the phase is written and nothing of the campaign is pending or being sent
    let lastLog = performance.now();
    let byStatus: Record<string, number> = {};
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const rows = await probe.sql<{ status: string; n: number }[]>`
        SELECT status, count(*)::int AS n FROM sends WHERE campaign_id = ${campaignId} GROUP BY status`;
      byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      const [phases] = await probe.sql<{ open: number }[]>`
        SELECT count(*)::int AS open FROM campaign_phases WHERE campaign_id = ${campaignId} AND materialised_at IS NULL`;
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        const [sms, dispatch] = await Promise.all([
          queues.sends.sms.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
          queues.dispatch.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
        ]);
        log(
          `${seconds(start)} s: sends ${JSON.stringify(byStatus)}, phases open ${phases!.open}; SMS jobs ${JSON.stringify(sms)}; dispatch jobs ${JSON.stringify(dispatch)}`,
        );
      }
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      if (phases!.open === 0 && total > 0 && !byStatus.pending && !byStatus.sending) break;
      if (performance.now() - start > Math.max(120_000, (SMS / RATE) * 4000)) {
        log(`TIMED OUT: ${JSON.stringify(byStatus)}`);
        break;
      }
    }
    const elapsed = (performance.now() - start) / 1000;
    const ticks = lag.stop();
    const samples = await activity.stop();
    const cpu = process.cpuUsage(cpuStart);
    const pgCpu = cpuSince(pgStart, await backendCpu(probe.sql, WORKER_APP));
    const loadEnd = await loadAverage();
    const received = await sandbox.count();
    const times = received.received.map((r) => Date.parse(r)).sort((a, b) => a - b);
    const pace = slopePerSecond(times);
    const bySecond = perSecond(times);
    // after the first second (connections opening): no second above the ceiling; the fewest per second leaves
    // out the last, partial one too
    const afterFirst = bySecond.slice(1);
    const maxSteady = afterFirst.length ? Math.max(...afterFirst) : 0;
    const minSteady = afterFirst.length > 1 ? Math.min(...afterFirst.slice(0, -1)) : 0;
    const span = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : 0;
    log(`sends by status: ${JSON.stringify(byStatus)}`);
    log(
      `sandbox: ${received.requests} requests, ${received.recipients} recipients, ${received.distinct} distinct numbers, CPU ${(received.cpuSeconds - sandboxCpuStart).toFixed(1)} s from the launch`,
    );
    log(
      `pace: ${pace.toFixed(2)} SMS/s (least squares), ${times.length} over ${span.toFixed(2)} s from the first receipt to the last (${span > 0 ? ((times.length - 1) / span).toFixed(2) : '–'} /s); steady seconds ${minSteady}–${maxSteady}; per second: ${bySecond.join(' ')}`,
    );
    const lagMean = ticks.reduce((a, t) => a + t.lateMs, 0) / Math.max(1, ticks.length);
    const lagMax = (from: number, to: number) =>
      ticks.filter((t) => t.at >= from && t.at < to).reduce((a, t) => Math.max(a, t.lateMs), 0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    log(
      `worker process: CPU ${cpuSeconds.toFixed(1)} s over ${elapsed.toFixed(1)} s (${((cpuSeconds / Math.max(1, SMS)) * 1e6).toFixed(0)} µs a SMS, idle polling included); event-loop lag mean ${lagMean.toFixed(1)} ms, max ${lagMax(0, Number.POSITIVE_INFINITY).toFixed(0)} ms`,
    );
    log(`PostgreSQL backends (worker): CPU ${pgCpu}; states sampled (mean backends): ${summarise(samples)}`);
    // the seconds that fell short of the pace (after the first, before the last): what the worker was doing then
    for (let s = 1; s < bySecond.length - 1; s++) {
      if (bySecond[s]! >= RATE * (1 - TOLERANCE)) continue;
      const from = times[0]! + s * 1000;
      log(
        `  second ${s} held ${bySecond[s]}: event-loop lag up to ${lagMax(from - 1000, from + 1000).toFixed(0)} ms (that second and the one before); backends ${summarise(samples, from - 1000, from + 1000)}`,
      );
    }
    log(`load average ${loadStart} at the launch, ${loadEnd} at the end`);
    const complete =
      byStatus.sent === SMS &&
      received.requests === SMS &&
      received.recipients === SMS &&
      received.distinct === SMS;
    if (!complete) log('INCOMPLETE: not every SMS was sent exactly once');
    const withinPace = Math.abs(pace - RATE) <= RATE * TOLERANCE;
    const underCeiling = maxSteady <= RATE * (1 + TOLERANCE);
    await workers.close();
    await queues.close();
    console.log(
      JSON.stringify({
        name: 'sms-pace',
        value: Number(pace.toFixed(2)),
        unit: `SMS/s (${SMS.toLocaleString('en')} SMS at a configured ${RATE}/s, 2 batches at once; busiest steady second ${maxSteady}; load ${loadStart}–${loadEnd})`,
        target: RATE,
        ok: complete && withinPace && underCeiling,
      }),
    );
  } finally {
    sandbox.stop();
    const keys = await producer.keys(`${prefix}:*`);
    if (keys.length) await producer.del(...keys);
    await connection.quit().catch(() => connection.disconnect());
    await producer.quit().catch(() => producer.disconnect());
    await database.close();
    await probe.close();
    if (process.env.BENCH_KEEP) log(`kept database ${name}`);
    else await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
