import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./lifecycle.fixture.ts', import.meta.url));

interface Run {
  process: ChildProcess;
  output: () => string;
  waitFor: (text: string) => Promise<void>;
  exited: Promise<number | null>;
  childPid: () => number;
}

function run(mode: string): Run {
  const proc = spawn(process.execPath, ['--import', 'tsx', fixture, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
  });
  proc.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    process: proc,
    output: () => out,
    exited,
    waitFor: async (text) => {
      for (let i = 0; i < 200 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
      if (!out.includes(text)) throw new Error(`"${text}" never came; output:\n${out}`);
    },
    childPid: () => Number(/child pid (\d+)/.exec(out)?.[1]),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the launcher lifecycle', () => {
  it('on SIGINT sends SIGTERM to the child, waits for it, stops the services, exits 0; output is prefixed', async () => {
    const r = run('graceful');
    await r.waitFor('[child] up');
    r.process.kill('SIGINT');
    expect(await r.exited).toBe(0);
    const out = r.output();
    // the child's own "[child] " tag is not doubled
    expect(out).toContain('[child] bye');
    expect(out).not.toContain('[child] [child]');
    expect(out.indexOf('[child] bye')).toBeLessThan(out.indexOf('service stopped'));
    expect(alive(r.childPid())).toBe(false);
  });

  it('ignores a signal repeated at once (a wrapper relaying the same Ctrl-C), and forces on a second Ctrl-C', async () => {
    const r = run('stubborn');
    await r.waitFor('[child] up');
    r.process.kill('SIGINT');
    r.process.kill('SIGINT');
    await r.waitFor('ignoring SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(alive(r.childPid())).toBe(true);
    expect(r.output()).not.toContain('forcing');
    r.process.kill('SIGINT');
    expect(await r.exited).toBe(0);
    expect(r.output()).toContain('forcing: killing the children');
    expect(r.output()).toContain('service stopped');
    expect(alive(r.childPid())).toBe(false);
  });

  it('stops everything with the exit code of a child that dies', async () => {
    const r = run('dies');
    expect(await r.exited).toBe(3);
    expect(r.output()).toContain('child exited with code 3: stopping everything');
    expect(r.output()).toContain('service stopped');
  });
});
