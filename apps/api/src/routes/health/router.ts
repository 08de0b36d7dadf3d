import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { ApiRegistry } from '../../http/registry';

const probe = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });
const healthSchema = z.object({ status: z.enum(['ok', 'degraded']), postgres: probe, redis: probe });

async function timed(check: () => Promise<unknown>): Promise<z.infer<typeof probe>> {
  const start = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - start),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

export function healthRoutes(api: ApiRegistry, deps: AppDeps): void {
  api.add(
    {
      method: 'get',
      path: '/api/health',
      summary: 'State of PostgreSQL and Redis (503 when one is down)',
      tag: 'health',
      access: 'public',
      response: healthSchema,
    },
    async ({ res }) => {
      const [postgres, redis] = await Promise.all([
        timed(() => deps.database.sql`SELECT 1`),
        timed(() => deps.redis.ping()),
      ]);
      const ok = postgres.ok && redis.ok;
      res.status(ok ? 200 : 503);
      return { status: ok ? 'ok' : 'degraded', postgres, redis };
    },
  );
}
