import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
});

const mail = (signal?: AbortSignal) =>
  fetch(`${sandbox.url}/v3/mail/send`, {
    method: 'POST',
    signal,
    headers: { authorization: 'Bearer SG.x', 'content-type': 'application/json' },
    body: JSON.stringify({
      from: { email: 'a@relance.example' },
      subject: 's',
      content: [{ type: 'text/plain', value: 'x' }],
      personalizations: [{ to: [{ email: 'b@example.fr' }] }],
    }),
  });

it('answers the next N requests with 429 and Retry-After, keeping nothing, then accepts again', async () => {
  const res = await fetch(`${sandbox.url}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'sendgrid', kind: 'rate-limit', count: 2, retryAfterSeconds: 3 }),
  });
  expect(res.status).toBe(201);
  const first = await mail();
  expect(first.status).toBe(429);
  expect(first.headers.get('retry-after')).toBe('3');
  expect((await mail()).status).toBe(429);
  expect((await mail()).status).toBe(202);
  expect(sandbox.store.list('sendgrid')).toHaveLength(1);
  // a fault on another provider leaves SendGrid alone
  sandbox.faults.add({ provider: 'mailhouse', kind: 'server-error', probability: 1 });
  expect((await mail()).status).toBe(202);
});

it('answers 5xx with the provider’s error shape', async () => {
  sandbox.faults.add({ provider: 'all', kind: 'server-error', status: 502, count: 1 });
  const res = await mail();
  expect(res.status).toBe(502);
  expect(await res.json()).toMatchObject({ errors: [{ message: 'internal error' }] });
});

it('keeps a message and holds the answer back when told to time out after acceptance', async () => {
  sandbox.faults.add({ provider: 'sendgrid', kind: 'timeout-after-accept', count: 1, delayMs: 5_000 });
  const started = Date.now();
  await expect(mail(AbortSignal.timeout(300))).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(sandbox.store.list('sendgrid')).toHaveLength(1);
});

it('refuses a fault that is both counted and random', async () => {
  const res = await fetch(`${sandbox.url}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'rate-limit', count: 2, probability: 0.5 }),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('count');
});
