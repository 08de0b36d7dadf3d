/**
 * `pnpm bench` runs every benchmark in scripts/bench/, `pnpm bench <name> [...]` the named ones. Each runs as
 * a child process of its own (so that its peak memory is its own) and prints its result as its last line:
 * {"name","value","unit","target","ok"}. Exit code 1 when a benchmark crashed or printed no result.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
  ok: boolean;
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? wanted : available;

function run(name: string): Promise<BenchResult | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        const result = JSON.parse(last) as BenchResult;
        resolve(code === 0 && typeof result.value === 'number' ? result : null);
      } catch {
        resolve(null);
      }
    });
  });
}

const results: { name: string; result: BenchResult | null }[] = [];
for (const name of names) {
  console.error(`\n── ${name} ──`);
  results.push({ name, result: await run(name) });
}
console.error('\n── summary ──');
for (const { name, result } of results) {
  console.error(
    result
      ? `${result.ok ? 'ok  ' : 'MISS'} ${name}: ${result.value} ${result.unit} (target ${result.target})`
      : `FAIL ${name}: crashed or printed no result`,
  );
}
process.exit(results.every((r) => r.result) ? 0 : 1);
