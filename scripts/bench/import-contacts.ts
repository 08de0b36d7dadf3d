/**
 * Benchmark: importing a 1,000,000-row French contacts CSV end to end (upload streamed into PostgreSQL,
 * then runImport: parse, normalise, validate, COPY, set-based upserts, consents) into a fresh database.
 * Value: rows per second over both steps. Also checks the process's peak memory (maxRSS).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { runImport } from '@relance/imports/run-import';
import { storeUpload } from '@relance/imports/store-upload';
import { resolvePostgresServer } from '../lib/postgres-server';
import { writeContactsCsv } from './_contacts-csv';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TARGET_ROWS_PER_S = 50_000;
const MAX_RSS_MB = 500;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const log = (line: string) => console.error(`[import-contacts] ${line}`);

/**
 * CPU seconds used so far by the PostgreSQL backends serving this benchmark's connections (read from
 * /proc: PostgreSQL runs on this machine, embedded or local). Null when /proc is not readable.
 */
async function backendCpuSeconds(sql: ReturnType<typeof createDb>['sql']): Promise<number | null> {
  const rows = await sql<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE application_name = 'bench-import'`;
  let ticks = 0;
  try {
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    }
  } catch {
    return null;
  }
  return ticks / 100;
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const adminUrl = server.adminUrl;
  const file = path.join(os.tmpdir(), `relance-bench-contacts-${randomBytes(3).toString('hex')}.csv`);
  const name = `relance_bench_import_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(adminUrl, name);
  const database = createDb(url, { max: 6, applicationName: 'bench-import' });
  try {
    await runMigrations(url);
    let t = performance.now();
    await writeContactsCsv(file, ROWS);
    const bytes = (await stat(file)).size;
    log(
      `generated ${ROWS.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(0)} MB, in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const cpuStart = process.cpuUsage();
    const pgStart = (await backendCpuSeconds(database.sql)) ?? 0;
    const start = performance.now();
    const { id } = await storeUpload(database.sql, {
      kind: 'contacts',
      filename: 'bench-contacts.csv',
      stream: createReadStream(file, { highWaterMark: 256 * 1024 }),
      maxBytes: 2 * 1024 * 1024 * 1024,
    });
    const uploaded = performance.now();
    log(`upload into import_chunks: ${((uploaded - start) / 1000).toFixed(1)} s`);
    let lastLog = 0;
    t = performance.now();
    const summary = await runImport(database, id, {
      onProgress: (p) => {
        if (performance.now() - lastLog < 5000) return;
        lastLog = performance.now();
        log(
          `  ${p.rowsTotal.toLocaleString('en')} rows, ${mb(p.bytesProcessed)} MB read, rss ${mb(process.memoryUsage().rss)} MB (heap ${mb(process.memoryUsage().heapUsed)}/${mb(process.memoryUsage().heapTotal)} MB, buffers ${mb(process.memoryUsage().arrayBuffers)} MB)`,
        );
      },
    });
    const end = performance.now();
    log(`runImport: ${((end - t) / 1000).toFixed(1)} s → ${JSON.stringify(summary)}`);
    const seconds = (end - start) / 1000;
    const rowsPerSecond = Math.round(summary.rowsTotal / seconds);
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const cpu = process.cpuUsage(cpuStart);
    const nodeCpu = (cpu.user + cpu.system) / 1e6;
    const pgEnd = await backendCpuSeconds(database.sql);
    if (pgEnd !== null) {
      const pgCpu = pgEnd - pgStart;
      // what two otherwise idle cores could do with this much work, if both were kept busy
      const bound = ROWS / Math.max(nodeCpu, (nodeCpu + pgCpu) / 2);
      log(
        `CPU: node ${nodeCpu.toFixed(1)} s, PostgreSQL backends ${pgCpu.toFixed(1)} s, load average ${os.loadavg()[0]!.toFixed(1)} (CPU-bound estimate on 2 idle cores: ${Math.round(bound).toLocaleString('en')} rows/s)`,
      );
    }
    log(
      `end to end: ${seconds.toFixed(1)} s, ${rowsPerSecond.toLocaleString('en')} rows/s, peak RSS ${maxRssMb} MB (limit ${MAX_RSS_MB} MB)`,
    );
    const [check] = await database.sql<{ contacts: number; consents: number }[]>`
      SELECT (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM consents) AS consents`;
    log(
      `database: ${check!.contacts.toLocaleString('en')} contacts, ${check!.consents.toLocaleString('en')} consents`,
    );
    if (process.env.BENCH_REIMPORT) {
      // the same file again (a retry, or the same export imported twice): everything should be unchanged
      const again = performance.now();
      const second = await runImport(database, id);
      const s = (performance.now() - again) / 1000;
      log(
        `re-import of the same file: ${s.toFixed(1)} s (${Math.round(second.rowsTotal / s).toLocaleString('en')} rows/s), inserted ${second.rowsInserted}, updated ${second.rowsUpdated}, unchanged ${second.rowsUnchanged.toLocaleString('en')}`,
      );
    }
    const ok =
      summary.status === 'completed' &&
      summary.rowsTotal === ROWS &&
      rowsPerSecond >= TARGET_ROWS_PER_S &&
      maxRssMb < MAX_RSS_MB;
    console.log(
      JSON.stringify({
        name: 'import-contacts',
        value: rowsPerSecond,
        unit: `rows/s (${ROWS.toLocaleString('en')} rows end to end, peak RSS ${maxRssMb} MB)`,
        target: TARGET_ROWS_PER_S,
        ok,
      }),
    );
  } finally {
    await database.close();
    await rm(file, { force: true });
    if (process.env.BENCH_KEEP) log(`kept database ${name}`);
    else await dropDatabase(adminUrl, name);
    await server.stop();
  }
}

await main();
