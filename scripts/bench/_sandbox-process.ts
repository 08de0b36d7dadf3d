/**
 * The provider sandbox in a process of its own (`_sandbox-child.ts`), for the benchmarks that send: its CPU is not
 * the worker's. `count()` asks it what it received (`Count`: what the benchmark's child reports), `stop()` ends it.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function startSandboxChild<Count>(nodeArgs: readonly string[] = []) {
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), '_sandbox-child.ts'), {
    execArgv: ['--import', 'tsx', ...nodeArgs],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { kind: string }) => {
        if (m.kind === kind) {
          child.off('message', on);
          resolve(m as T);
        }
      };
      child.on('message', on);
    });
  return {
    ready: next<{ url: string }>('ready'),
    count: () => {
      const answer = next<Count>('count');
      child.send({ kind: 'count' });
      return answer;
    },
    stop: () => {
      child.send({ kind: 'stop' });
    },
  };
}
