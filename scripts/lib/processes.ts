import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** resolves when the process has exited (never rejects) */
  exited: Promise<Exit>;
  /** whether it has exited already */
  hasExited: () => boolean;
  /** sends a signal to the process and everything it started (its process group) */
  signal: (signal: NodeJS.Signals) => void;
  /** resolves with true at the first output line that matches, false if the process exits first */
  printed: (pattern: RegExp) => Promise<boolean>;
}

const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
let nextColour = 0;

/** Copies a stream line by line to `out`, each line prefixed with `[name]`; answers the line reader. */
export function prefixLines(
  input: Readable,
  out: Writable,
  prefix: string,
  name?: string,
): readline.Interface {
  const own = name ? `[${name}] ` : undefined;
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  // a child that already tags its lines with its own name is not tagged twice
  lines.on('line', (line) =>
    out.write(`${prefix} ${own && line.startsWith(own) ? line.slice(own.length) : line}\n`),
  );
  return lines;
}

export function prefixFor(name: string, tty = Boolean(process.stdout.isTTY)): string {
  if (!tty) return `[${name}]`;
  const colour = COLOURS[nextColour++ % COLOURS.length];
  return `${colour}[${name}]\x1b[0m`;
}

/**
 * Spawns a child whose output is prefixed with `[name]`. It gets a process group of its own, so that a
 * Ctrl-C in the terminal reaches the launcher only, which then stops the children in order.
 */
export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = prefixFor(name);
  const stdout = child.stdout ? prefixLines(child.stdout, process.stdout, prefix, name) : null;
  if (child.stderr) prefixLines(child.stderr, process.stderr, prefix, name);
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (err) => {
      process.stderr.write(`${prefix} could not start: ${err.message}\n`);
      done = true;
      resolve({ code: 1, signal: null });
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  return {
    name,
    child,
    exited,
    hasExited: () => done,
    printed: (pattern) =>
      new Promise<boolean>((resolve) => {
        if (!stdout || done) return resolve(false);
        const onLine = (line: string) => {
          if (pattern.test(line)) {
            stdout.off('line', onLine);
            resolve(true);
          }
        };
        stdout.on('line', onLine);
        void exited.then(() => resolve(false));
      }),
    signal: (signal) => {
      if (done || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    },
  };
}

/** Runs a command to completion with its output prefixed; resolves with its exit code. */
export function runPrefixed(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd: string },
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = prefixFor(name);
    if (child.stdout) prefixLines(child.stdout, process.stdout, prefix, name);
    if (child.stderr) prefixLines(child.stderr, process.stderr, prefix, name);
    child.once('error', (err) => {
      process.stderr.write(`${prefix} could not start ${command}: ${err.message}\n`);
      resolve(1);
    });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** The exit code a launcher should return for a child that stopped on its own. */
export function exitCodeOf(exit: Exit): number {
  if (exit.code !== null) return exit.code === 0 ? 1 : exit.code;
  const signals: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGKILL: 137 };
  return (exit.signal && signals[exit.signal]) ?? 1;
}
