/**
 * Benchmark: `GET /r/{code}`, the tracked link, at a sustained load from a load generator (autocannon) on the same
 * machine. A fresh database with 100,000 sent emails (real tracking codes, a campaign landing page so that each
 * answer is a 302 with UTM parameters); the API runs in a child process; requests pick a random known code, and
 * 1 % an unknown one from a random client address (each counted in Redis, as a guesser's would be). Afterwards
 * the API is stopped, which writes the clicks still buffered, and every 302 must be one `clicked` event.
 * Value: requests per second; target ≥ 5,000 with p99 < 10 ms.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { createCampaign } from '@relance/db/queries/campaigns';
import { campaignInputSchema } from '@relance/domain/planning/campaign-input';
import { generateTrackingCode, generateTrackingCodes } from '@relance/domain/tracking-code';
import autocannon from 'autocannon';
import { resolvePostgresServer } from '../lib/postgres-server';
import { type LinkLoadResult, linkLoad } from './_link-load';

const SENDS = Number(process.env.BENCH_SENDS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** `lean` (default, _link-load.ts: requests built beforehand) or `autocannon` (a setupRequest per request) */
const LOADGEN = process.env.BENCH_LOADGEN === 'autocannon' ? 'autocannon' : 'lean';
const TARGET_RPS = 5000;
const TARGET_P99_MS = 10;
const UNKNOWN_SHARE = 0.01;
const UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';

const log = (line: string) => console.error(`[tracked-link] ${line}`);
const here = path.dirname(fileURLToPath(import.meta.url));

async function seed(database: ReturnType<typeof createDb>, codes: string[]): Promise<void> {
  const { sql, db } = database;
  await sql`
    INSERT INTO contacts (external_id, kind, first_name, last_name, email)
    SELECT 'b' || i, 'person', 'Prénom' || i, 'Nom' || i, 'c' || i || '@exemple.fr'
      FROM generate_series(1, ${SENDS}::int) i`;
  const campaign = await createCampaign(db, {
    ownerId: null,
    plan: campaignInputSchema.parse({
      name: 'Relance printemps',
      kind: 'win_back',
      objective: 'sale',
      averageOrderValueCents: 8000,
      marginRate: 0.3,
      landingUrl: 'https://boutique.example/printemps?ref=mail#offre',
      steps: [{ channel: 'email', offsetDays: 0 }],
    }),
  });
  const step = campaign.steps[0]!;
  const [wave] = await sql<{ id: string }[]>`
    INSERT INTO send_waves (campaign_id, step_id, phase, variant, channel, due_at, materialised_at, enqueued_at)
    VALUES (${campaign.campaign.id}, ${step.id}, 'rollout', 'A', 'email', now(), now(), now()) RETURNING id`;
  await sql`
    INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, tracking_code, status, address, provider_id, finished_at)
    SELECT ${wave!.id}, ${campaign.campaign.id}, ${step.id}, c.id, 'rollout', 'A', 'email', v.code, 'sent', c.email,
           'sg-' || v.i, now()
      FROM unnest(${codes}::text[]) WITH ORDINALITY AS v(code, i)
      JOIN contacts c ON c.external_id = 'b' || v.i`;
  await sql`VACUUM ANALYZE`;
}

function startApiChild(databaseUrl: string, prefix: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(here, '_tracking-api-child.ts'), [], {
    // BENCH_CPU_PROF=dir: a V8 CPU profile of the API process (open it in Chrome's DevTools)
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_PREFIX: prefix },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { kind: string; url: string }) => resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`the API child exited (${code})`)));
  });
}

/** the API process's CPU time so far, in µs */
function apiCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: { kind: string; micros: number }) => {
      if (m.kind !== 'cpu') return;
      child.off('message', onMessage);
      resolve(m.micros);
    };
    child.on('message', onMessage);
    child.send({ kind: 'cpu' });
  });
}

function stopApiChild(child: ChildProcess): Promise<{ cpuSeconds: number; rssMb: number }> {
  return new Promise((resolve) => {
    child.on('message', (m: { kind: string; cpuSeconds: number; rssMb: number }) => {
      if (m.kind === 'stopped') resolve(m);
    });
    child.send({ kind: 'stop' });
  });
}

/** one GET /r/{code} from a browser, as bytes; 1 % an unknown code from a random address (a guesser) */
function leanRequests(url: string, codes: string[]): () => Buffer {
  const host = new URL(url).host;
  const request = (code: string, extra = '') =>
    Buffer.from(
      `GET /r/${code} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${UA}\r\nAccept: */*\r\n${extra}\r\n`,
    );
  const known = codes.map((code) => request(code));
  return () => {
    if (Math.random() < UNKNOWN_SHARE) {
      const ip = `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
      return request(generateTrackingCode(), `X-Forwarded-For: ${ip}\r\n`);
    }
    return known[Math.floor(Math.random() * known.length)]!;
  };
}

type LoadResult = LinkLoadResult & { timeouts: number };

async function load(url: string, codes: string[], seconds: number): Promise<LoadResult> {
  if (LOADGEN === 'lean')
    return { ...(await linkLoad(url, CONNECTIONS, seconds, leanRequests(url, codes))), timeouts: 0 };
  const r = await autocannonLoad(url, codes, seconds);
  return {
    total: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    '3xx': r['3xx'],
    '4xx': r['4xx'],
    '5xx': r['5xx'],
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

function autocannonLoad(url: string, codes: string[], seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'user-agent': UA },
        requests: [
          {
            setupRequest: (req) => {
              if (Math.random() < UNKNOWN_SHARE) {
                const ip = `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
                return {
                  ...req,
                  path: `/r/${generateTrackingCode()}`,
                  headers: { ...req.headers, 'x-forwarded-for': ip },
                };
              }
              return { ...req, path: `/r/${codes[Math.floor(Math.random() * codes.length)]}` };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const name = `relance_bench_link_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 2 });
  let child: ChildProcess | null = null;
  try {
    await runMigrations(url);
    const codes = generateTrackingCodes(SENDS);
    const t0 = performance.now();
    await seed(database, codes);
    log(`seeded ${SENDS.toLocaleString('en')} sends in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const api = await startApiChild(url, `bench-link-${randomBytes(3).toString('hex')}`);
    child = api.child;
    const warm = await load(api.url, codes, 3); // warm-up: JIT, connections, part of the cache
    const [load1] = os.loadavg();
    const apiCpuBefore = await apiCpu(child);
    const benchCpuBefore = process.cpuUsage();
    const result = await load(api.url, codes, SECONDS);
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const apiCpuDuring = (await apiCpu(child)) - apiCpuBefore;
    const [loadAfter] = os.loadavg();
    const stats = await stopApiChild(child);
    child = null;

    const redirects = result['3xx'];
    const [clicks] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM send_events WHERE kind = 'clicked'`;
    const [clickers] = await database.sql<{ n: number }[]>`
      SELECT coalesce(sum(contacts), 0)::int AS n FROM send_rollups WHERE kind = 'clicked'`;
    const rps = result.rps;
    const p99 = result.p99;
    log(
      `${LOADGEN}, ${CONNECTIONS} keep-alive connections, no pipelining, ${SECONDS} s: ${result.total.toLocaleString('en')} requests, ` +
        `${rps.toFixed(0)} req/s, latency p50 ${result.p50} ms, p99 ${p99} ms, max ${result.max} ms`,
    );
    log(
      `answers: 3xx ${redirects.toLocaleString('en')}, 4xx ${result['4xx']}, 5xx ${result['5xx']}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    log(
      `clicks written: ${clicks!.n.toLocaleString('en')} (redirects counted, warm-up included: ${(warm['3xx'] + redirects).toLocaleString('en')}), clickers on the board ${clickers!.n.toLocaleString('en')}`,
    );
    log(
      `API process: ${stats.cpuSeconds.toFixed(1)} CPU s, ${stats.rssMb} MB; load average ${load1!.toFixed(2)} before, ${loadAfter!.toFixed(2)} after (${os.cpus().length} cores)`,
    );
    const perRequest = (micros: number) => (micros / Math.max(1, result.total)).toFixed(0);
    log(
      `CPU per request while measured: API ${perRequest(apiCpuDuring)} µs, load generator (${LOADGEN}, this process) ${perRequest(benchCpu.user + benchCpu.system)} µs`,
    );
    if (result['5xx'] > 0 || result.errors > 0) throw new Error('the API failed requests under load');
    // autocannon leaves out the answers still in flight when it stops: more clicks than counted redirects is fine
    if (clicks!.n < warm['3xx'] + redirects) {
      throw new Error(
        `${warm['3xx'] + redirects} redirects but ${clicks!.n} clicks written: clicks were lost`,
      );
    }
    console.log(
      JSON.stringify({
        name: 'tracked-link',
        value: Math.round(rps),
        unit: `req/s (p99 ${p99} ms, ${SENDS.toLocaleString('en')} sends, 1 % unknown codes)`,
        target: TARGET_RPS,
        ok: rps >= TARGET_RPS && p99 < TARGET_P99_MS,
      }),
    );
  } finally {
    if (child) child.kill();
    await database.close();
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
