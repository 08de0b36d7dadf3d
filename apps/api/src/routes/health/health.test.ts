import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../scripts/lib/local-redis';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';

describe('GET /api/health', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers 200 with PostgreSQL and Redis up', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; postgres: { ok: boolean }; redis: { ok: boolean } };
    expect(body).toMatchObject({ status: 'ok', postgres: { ok: true }, redis: { ok: true } });
  });

  it('answers 503 naming Redis when Redis is down', async () => {
    const down = await startTestApp({
      env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
      worker: false,
    });
    try {
      const res = await fetch(`${down.url}/api/health`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as {
        status: string;
        postgres: { ok: boolean };
        redis: { ok: boolean };
      };
      expect(body).toMatchObject({ status: 'degraded', postgres: { ok: true }, redis: { ok: false } });
    } finally {
      await down.close();
    }
  });
});
