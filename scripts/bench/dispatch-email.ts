/**
 * Benchmark: 1,000,000 email sends materialised, rendered and handed to the provider sandbox, end to end through
 * the real engine: `applyDispatchEvent('rollout')` writes the phase; the worker (in this process, the same
 * startWorkers as `pnpm start`) writes the sends set-based by ranges of 100,000 contacts, enqueues batches of
 * 1,000 send ids as each range commits, claims them in PostgreSQL, merges each recipient's values into the
 * variant's body compiled once, and hands them to the sandbox (a child process, as with `pnpm start`) through
 * @sendgrid/client, 1,000 personalizations a request; the answers are recorded set-based.
 *
 * Value: seconds from the launch to the last send recorded `sent`. Also checked: the worker process's peak
 * memory (maxRSS, < 1 GB), the jobs kept in Redis (finished ones removed: bounded), the sandbox's count of
 * distinct recipients (everyone once). CPU seconds are logged for the worker process, the sandbox and the PostgreSQL
 * backends serving the benchmark (from /proc), so that a run on a busy machine still says how much work it was.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseProviderConfig } from '@relance/channels/provider-config';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { createCampaign, getCampaign } from '@relance/db/queries/campaigns';
import { ContentCache } from '@relance/dispatch/content-cache';
import { applyDispatchEvent } from '@relance/dispatch/lifecycle';
import { campaignInputSchema } from '@relance/domain/planning/campaign-input';
import { createQueues } from '@relance/jobs/enqueue';
import { assertNoEviction, createRedis } from '@relance/jobs/redis';
import { startWorkers } from '../../apps/worker/src/workers';
import { resolvePostgresServer } from '../lib/postgres-server';
import { backendCpu, cpuSince } from './_backend-cpu';
import { startSandboxChild } from './_sandbox-process';

const SENDS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TARGET_S = 60;
const MAX_RSS_MB = 1024;
const log = (line: string) => console.error(`[dispatch-email] ${line}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** A newsletter of a realistic size (≈ 12 kB of HTML once compiled), six merge fields. */
const MJML = `<mjml>
  <mj-head><mj-title>Offre de printemps</mj-title><mj-preview>{{firstName|Bonjour}}, votre offre vous attend</mj-preview></mj-head>
  <mj-body background-color="#f4f4f4">
    <mj-section background-color="#ffffff"><mj-column>
      <mj-text font-size="20px" font-family="Helvetica">Bonjour {{civility}} {{lastName|cher client}},</mj-text>
      <mj-text font-family="Helvetica">Cela fait un moment que nous ne vous avons pas vu à {{city|la boutique}}. Pour votre retour,
        profitez de {{offer|-20 %}} sur votre prochaine commande avec le code <strong>{{trackingCode}}</strong>.</mj-text>
      <mj-button href="{{trackingUrl}}" background-color="#d9480f">Je découvre l'offre</mj-button>
    </mj-column></mj-section>
    ${Array.from({ length: 6 }, (_, i) => `<mj-section background-color="#ffffff"><mj-column><mj-text font-family="Helvetica">Produit ${i + 1} : une description de quelques lignes pour donner envie, avec ses avantages, sa garantie et son prix.</mj-text></mj-column><mj-column><mj-button href="{{trackingUrl}}">Voir</mj-button></mj-column></mj-section>`).join('\n    ')}
    <mj-section><mj-column><mj-text font-size="11px" color="#888">Vous recevez ce message car vous êtes client.
      <a href="{{unsubscribeUrl}}">Se désinscrire</a></mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`;

async function seed(sql: ReturnType<typeof createDb>['sql']) {
  await sql`DROP INDEX contacts_search_idx`;
  await sql`
    INSERT INTO contacts (kind, civility, first_name, last_name, email, city)
    SELECT 'person', CASE WHEN i % 2 = 0 THEN 'Mme' ELSE 'M.' END, 'Prénom' || i, 'Nom' || i,
           'client' || i || '@exemple.fr', CASE WHEN i % 3 = 0 THEN 'Lyon' END
      FROM generate_series(1, ${SENDS}) i`;
  await sql`
    INSERT INTO consents (contact_id, channel, status, legal_basis, source)
    SELECT id, 'email', 'opt_in', 'consent', 'bench' FROM contacts`;
  await sql`CREATE INDEX contacts_search_idx ON contacts USING gin (search_text gin_trgm_ops)`;
  await sql`VACUUM ANALYZE`;
}

interface SandboxCount {
  requests: number;
  recipients: number;
  distinct: number;
  first: string | null;
  last: string | null;
  rssMb: number;
  cpuSeconds: number;
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? `relance_bench_dispatch_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 8, applicationName: 'relance-bench-dispatch' });
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-dispatch-${randomBytes(3).toString('hex')}`;
  const connection = createRedis(redisUrl, 'worker');
  const producer = createRedis(redisUrl, 'producer');
  // BENCH_SANDBOX_NODE_ARGS: more node flags for the sandbox, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  const sandbox = startSandboxChild<SandboxCount>(
    process.env.BENCH_SANDBOX_NODE_ARGS?.split(' ').filter(Boolean),
  );
  try {
    await assertNoEviction(connection);
    await runMigrations(url);
    if (!reuse) {
      const t = performance.now();
      await seed(database.sql);
      log(`seeded ${SENDS.toLocaleString('en')} contacts with an email opt-in in ${seconds(t)} s`);
    } else {
      await database.sql`DELETE FROM campaigns`;
      await database.sql`TRUNCATE sends, send_events CASCADE`;
      await database.sql`VACUUM ANALYZE sends`;
    }
    const { url: sandboxUrl } = await sandbox.ready;
    const providers = parseProviderConfig({ SANDBOX_URL: sandboxUrl, PUBLIC_URL: 'http://127.0.0.1:9' });
    if (!providers.ok) throw new Error(providers.problems.join('; '));
    const content = new ContentCache();
    const workers = await startWorkers({
      database,
      connection,
      prefix,
      importConcurrency: 1,
      dispatch: {
        providers: providers.config,
        content,
        sweep: false,
        concurrency: { email: Number(process.env.BENCH_EMAIL_CONCURRENCY ?? 3) },
        chunkSize: Number(process.env.BENCH_CHUNK ?? 100_000),
      },
      log: (line) => log(`worker: ${line}`),
    });
    const queues = createQueues(producer, prefix);
    const stored = await createCampaign(database.db, {
      plan: campaignInputSchema.parse({
        name: 'Bench: a million emails',
        kind: 'win_back',
        objective: 'sale',
        averageOrderValueCents: 8_000,
        marginRate: 0.3,
        steps: [
          {
            channel: 'email',
            offsetDays: 0,
            content: { subject: '{{firstName}}, votre offre de printemps', mjml: MJML },
            sendWindow: {
              days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
              hours: [{ from: '00:00', to: '24:00' }],
              closedOnPublicHolidays: false,
            },
          },
        ],
      }),
      ownerId: null,
    });
    const step = stored.steps[0]!.id;
    const rssBefore = process.memoryUsage().rss;
    const cpuStart = process.cpuUsage();
    const pgStart = await backendCpu(database.sql, 'relance-bench-dispatch');
    const loadStart = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
    const start = performance.now();
    await applyDispatchEvent(
      { db: database.db, queues },
      { campaignId: stored.campaign.id, event: 'rollout', version: stored.campaign.version, actorId: null },
    );
    // done when the phase is written and no batch is waiting, delayed or active; then counted once
    let maxJobs = 0;
    let lastLog = performance.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const [send, dispatch] = await Promise.all([
        queues.sends.email.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
        queues.dispatch.getJobCounts('waiting', 'active', 'delayed'),
      ]);
      const kept = Object.values(send).reduce((a, b) => a + b, 0);
      maxJobs = Math.max(maxJobs, kept);
      const n = (counts: Record<string, number>, ...keys: string[]) =>
        keys.reduce((a, k) => a + (counts[k] ?? 0), 0);
      const busy = n(send, 'waiting', 'active', 'delayed', 'prioritized') + n(dispatch, 'waiting', 'active');
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        // the board's counters (a few rows): how far the writing and the sending are
        const progress = await database.sql<{ written: number; sent: number }[]>`
          SELECT coalesce(sum(sends), 0)::int AS written, coalesce(sum(sends) FILTER (WHERE status = 'sent'), 0)::int AS sent
            FROM send_status_counts WHERE step_id = ${step}`;
        log(
          `${seconds(start)} s: sends written ${progress[0]!.written.toLocaleString('en')}, sent ${progress[0]!.sent.toLocaleString('en')}; batches waiting ${send.waiting}, active ${send.active}`,
        );
      }
      if (busy === 0) {
        const phase = await getCampaign(database.db, stored.campaign.id);
        const [row] = await database.sql<{ open: number }[]>`
          SELECT count(*)::int AS open FROM campaign_phases WHERE campaign_id = ${phase!.campaign.id} AND materialised_at IS NULL`;
        if (row!.open === 0) break;
      }
    }
    const elapsed = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const pgCpu = cpuSince(pgStart, await backendCpu(database.sql, 'relance-bench-dispatch'));
    const loadEnd = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
    const counts = await database.sql<{ status: string; n: number }[]>`
      SELECT status, count(*)::int AS n FROM sends WHERE step_id = ${step} GROUP BY status`;
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    const received = await sandbox.count();
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const keys = await producer.keys(`${prefix}:*`);
    let redisBytes = 0;
    for (const k of keys) redisBytes += Number((await producer.memory('USAGE', k)) ?? 0);
    log(`sends by status: ${JSON.stringify(byStatus)}`);
    log(
      `sandbox: ${received.requests} requests, ${received.recipients.toLocaleString('en')} recipients, ${received.distinct.toLocaleString('en')} distinct, RSS ${received.rssMb} MB, CPU ${received.cpuSeconds.toFixed(1)} s`,
    );
    log(
      `worker process: peak RSS ${maxRssMb} MB (${Math.round(rssBefore / 1024 / 1024)} MB before the launch), CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; MJML compiled ${content.compilations} time(s)`,
    );
    log(`PostgreSQL backends: CPU ${pgCpu}; load average ${loadStart} at the launch, ${loadEnd} at the end`);
    log(
      `Redis: at most ${maxJobs} send jobs kept at once; ${keys.length} keys, ${(redisBytes / 1024 / 1024).toFixed(1)} MB left under the prefix`,
    );
    const complete = byStatus.sent === SENDS && received.distinct === SENDS && received.recipients === SENDS;
    if (!complete) log('INCOMPLETE: not every send was sent exactly once');
    await workers.close();
    await queues.close();
    console.log(
      JSON.stringify({
        name: 'dispatch-email',
        value: Number(elapsed.toFixed(1)),
        unit: `s (${SENDS.toLocaleString('en')} emails materialised, rendered and handed to the sandbox; worker peak RSS ${maxRssMb} MB)`,
        target: TARGET_S,
        ok: complete && elapsed <= TARGET_S && maxRssMb < MAX_RSS_MB,
      }),
    );
  } finally {
    sandbox.stop();
    const keys = await producer.keys(`${prefix}:*`);
    if (keys.length) await producer.del(...keys);
    await connection.quit().catch(() => connection.disconnect());
    await producer.quit().catch(() => producer.disconnect());
    await database.close();
    if (process.env.BENCH_KEEP || reuse) log(`kept database ${name}`);
    else await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
