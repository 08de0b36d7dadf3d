import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKeyPrefix, testRedisUrl } from '../tests/support/test-database';
import { freePort } from './lib/local-redis';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'relance-start-test-'));
// as root, the embedded PostgreSQL runs as `postgres`, which must reach its data directory
chmodSync(tmp, 0o755);
let launcher: ChildProcess;
let output = '';
let exited: Promise<number | null>;
let port: number;
let sandboxPort: number;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function goneSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

async function waitFor(text: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!output.includes(text) && Date.now() < deadline && launcher.exitCode === null)
    await new Promise((r) => setTimeout(r, 100));
  if (!output.includes(text)) throw new Error(`"${text}" never came; output:\n${output}`);
}

/** `pnpm start` as a user runs it (node --import tsx scripts/start.ts), with the embedded PostgreSQL. */
beforeAll(async () => {
  const webDist = path.join(tmp, 'web');
  execFileSync('mkdir', ['-p', webDist]);
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Relance test</title>');
  port = await freePort();
  sandboxPort = await freePort();
  const { DATABASE_URL: _ignored, ...env } = process.env;
  launcher = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      NODE_ENV: 'development',
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      EMBEDDED_PG_PORT: String(await freePort()),
      DATA_DIR: path.join(tmp, 'data'),
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: testKeyPrefix(),
      WEB_DIST: webDist,
    },
  });
  launcher.stdout?.on('data', (d) => {
    output += d;
  });
  launcher.stderr?.on('data', (d) => {
    output += d;
  });
  exited = new Promise((resolve) => launcher.once('exit', (code) => resolve(code)));
  await waitFor('Press Ctrl-C to stop.', 150_000);
}, 180_000);

afterAll(async () => {
  if (launcher.exitCode === null) {
    launcher.kill('SIGKILL');
  }
  rmSync(tmp, { recursive: true, force: true });
});

describe('pnpm start', () => {
  it('runs the API with the demo workspace seeded, the logins printed, and the sandbox up', async () => {
    expect(output).toContain(`Relance is running: http://localhost:${port}`);
    expect(output).toContain('agent@relance.example');
    expect(output).toMatch(/\[start\] demo workspace seeded: \d+ contacts/);
    expect(output).toContain('[api]');
    expect(output).toContain('[worker]');

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'manager@relance.example', password: 'relance-demo' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('manager');
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain('Relance test');
    const sandbox = await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/messages`);
    expect(await sandbox.json()).toEqual({ count: 0, messages: [] });
  });

  it('has the sandbox post its signed webhooks to the API, which verifies and keeps them', async () => {
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const config = (await (await fetch(`${sandboxUrl}/sandbox/config`)).json()) as Record<string, string>;
    expect(config.sendgridEventWebhookUrl).toBe(`http://localhost:${port}/webhooks/sendgrid`);
    expect(config.twilioInboundSmsUrl).toBe(`http://localhost:${port}/webhooks/twilio/sms-inbound`);
    await fetch(`${sandboxUrl}/sandbox/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ behaviour: { email: { delayMs: { min: 0, max: 10 } } } }),
    });
    const mail = await fetch(`${sandboxUrl}/v3/mail/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer SG.sandbox' },
      body: JSON.stringify({
        from: { email: 'campagnes@relance.example' },
        subject: 'Bonjour',
        content: [{ type: 'text/plain', value: 'Bonjour' }],
        personalizations: [
          { to: [{ email: 'jeanne+open@example.fr' }], custom_args: { send_id: '987654321' } },
        ],
      }),
    });
    expect(mail.status).toBe(202);
    const sms = await fetch(`${sandboxUrl}/sandbox/inbound-sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+33612345678', body: 'STOP' }),
    });
    expect(sms.status).toBe(202);
    let log: { pending: number; deliveries: { kind: string; status: number | null }[] } = {
      pending: 1,
      deliveries: [],
    };
    const kinds = () => new Set(log.deliveries.map((d) => d.kind));
    for (let i = 0; i < 100 && (log.pending > 0 || kinds().size < 2); i++) {
      await new Promise((r) => setTimeout(r, 100));
      log = (await (await fetch(`${sandboxUrl}/sandbox/webhooks`)).json()) as typeof log;
    }
    expect([...kinds()].sort()).toEqual(['sendgrid-events', 'twilio']);
    // 204: SendGrid's events verified and kept; 200: the inbound SMS answered with empty TwiML
    for (const d of log.deliveries) expect(d.status).toBe(d.kind === 'twilio' ? 200 : 204);
  });

  it('on Ctrl-C stops the API, the worker, the sandbox and the embedded PostgreSQL, and exits 0', async () => {
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(launcher.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((pid) => pid > 0);
    expect(children.length).toBeGreaterThanOrEqual(2);
    const postmaster = Number(
      readFileSync(path.join(tmp, 'data/postgres/postmaster.pid'), 'utf8').split('\n')[0],
    );
    expect(alive(postmaster)).toBe(true);

    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('[start] stopped');
    // the postmaster removes its pid file (what pg_ctl stop waits for) a moment before it is gone
    for (const pid of [...children, postmaster]) expect(await goneSoon(pid), `pid ${pid}`).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${sandboxPort}/sandbox/messages`)).rejects.toThrow();
  });
});
