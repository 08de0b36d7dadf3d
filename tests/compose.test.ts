import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiEnvSchema } from '@relance/api/env-schema';
import { workerEnvSchema } from '@relance/worker/env-schema';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Values for `${NAME:?...}` variables, which compose requires from the operator. */
const OPERATOR_SUPPLIED: Record<string, string> = { ADMIN_PASSWORD: 'a-strong-operator-password' };

/** Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, $$ escapes. */
function interpolate(value: string): string {
  return value
    .replace(
      /\$\{([A-Z0-9_]+)(?:(:?-)([^}]*)|(:?\?)([^}]*))?\}/g,
      (_m, name: string, _d, fallback?: string, required?: string) => {
        if (required) {
          const supplied = OPERATOR_SUPPLIED[name];
          if (!supplied)
            throw new Error(`${name} is required by the compose file but the test has no value for it`);
          return supplied;
        }
        return fallback ?? '';
      },
    )
    .replace(/\$\$/g, '$');
}

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target: number; published: string | number })[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => {
        const i = line.indexOf('=');
        return [line.slice(0, i), line.slice(i + 1)] as const;
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)] as const);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v)]));
}

function requiredKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
}

const APPS = [
  { name: 'api', schema: apiEnvSchema },
  { name: 'worker', schema: workerEnvSchema },
] as const;

describe('docker-compose.yml', () => {
  for (const { name, schema } of APPS) {
    describe(`the ${name} service`, () => {
      const service = services[name]!;
      const env = environment(service);

      it('exists', () => {
        expect(service).toBeDefined();
      });

      it('sets every required setting, and none that the app does not know', () => {
        const known = Object.keys(schema.shape);
        expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
        expect(requiredKeys(schema).filter((key) => !(key in env))).toEqual([]);
      });

      it('has values that the app accepts', () => {
        const result = schema.safeParse(env);
        expect(result.error?.issues ?? []).toEqual([]);
      });

      it('reaches PostgreSQL and Redis by their service names, with the database credentials', () => {
        const pg = environment(services.postgres!);
        const db = new URL(env.DATABASE_URL!);
        expect(db.hostname).toBe('postgres');
        expect([db.username, db.password, db.pathname]).toEqual([
          pg.POSTGRES_USER,
          pg.POSTGRES_PASSWORD,
          `/${pg.POSTGRES_DB}`,
        ]);
        expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
      });

      it('runs a file that exists, from the image built by the Dockerfile', () => {
        const command = service.command as string[];
        expect(command.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
        expect(existsSync(path.join(root, command[3]!))).toBe(true);
        expect(service.build).toBe('.');
      });

      it('waits for healthy PostgreSQL and Redis', () => {
        const deps = service.depends_on as Record<string, { condition: string }>;
        expect(deps.postgres?.condition).toBe('service_healthy');
        expect(deps.redis?.condition).toBe('service_healthy');
      });
    });
  }

  it('publishes the port the API listens on', () => {
    const api = services.api!;
    const port = apiEnvSchema.parse(environment(api)).PORT;
    const targets = (api.ports ?? []).map((p) =>
      typeof p === 'string' ? Number(interpolate(p).split(':').at(-1)) : p.target,
    );
    expect(targets).toContain(port);
  });

  it('passes the webhook settings to the API: PUBLIC_URL, SENDGRID_WEBHOOK_PUBLIC_KEY, TWILIO_AUTH_TOKEN', () => {
    const api = services.api!.environment as Record<string, string>;
    for (const key of [
      'PUBLIC_URL',
      'SENDGRID_WEBHOOK_PUBLIC_KEY',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
    ])
      expect(api[key], key).toContain(`\${${key}`);
    // unset, they are accepted as unset (the webhooks then answer 503 until they are set)
    const env = apiEnvSchema.parse(environment(services.api!));
    expect(env.SENDGRID_WEBHOOK_PUBLIC_KEY).toBeUndefined();
    expect(env.TWILIO_AUTH_TOKEN).toBeUndefined();
  });

  it('starts the worker after the API has migrated the database', () => {
    const deps = services.worker!.depends_on as Record<string, { condition: string }>;
    expect(deps.api?.condition).toBe('service_healthy');
    expect(services.api!.healthcheck?.test.toString()).toContain('/api/health');
  });

  it('runs PostgreSQL 15 and Redis 7 with health checks; Redis never evicts and keeps an append-only file', () => {
    expect(services.postgres!.image).toBe('postgres:15');
    expect(services.redis!.image).toBe('redis:7');
    expect(services.postgres!.healthcheck?.test.toString()).toContain('pg_isready');
    expect(services.redis!.healthcheck?.test.toString()).toContain('ping');
    const command = (services.redis!.command as string[]).join(' ');
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = lines.filter((l) => l.startsWith('FROM ')).map((l) => l.split(/\s+/));
  const stageNames = stages.map((s) => s[3]);

  it('builds on node:20-bookworm-slim in named stages, each from one defined before it', () => {
    expect(stages[0]?.[1]).toBe('node:20-bookworm-slim');
    stages.forEach((stage, i) => {
      expect(stage[2]).toBe('AS');
      if (i > 0) expect(stageNames.slice(0, i)).toContain(stage[1]);
    });
  });

  it('installs the pnpm the workspace pins, with the frozen lockfile', () => {
    const pinned = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
    expect(lines).toContain(`RUN npm i -g ${pinned}`);
    expect(lines).toContain('RUN pnpm install --frozen-lockfile');
  });

  it('copies every workspace manifest before installing, and only files that exist', () => {
    const copies = lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from'));
    const sources = copies.flatMap((l) =>
      l
        .split(/\s+/)
        .slice(1, -1)
        .filter((s) => !s.startsWith('--')),
    );
    for (const source of sources) expect(existsSync(path.join(root, source)), source).toBe(true);
    const manifests = ['apps', 'packages'].flatMap((dir) =>
      readdirSync(path.join(root, dir))
        .map((name) => `${dir}/${name}/package.json`)
        .filter((file) => existsSync(path.join(root, file))),
    );
    const install = lines.indexOf('RUN pnpm install --frozen-lockfile');
    const copiedBefore = lines.slice(0, install).join('\n');
    for (const manifest of manifests) expect(copiedBefore, manifest).toContain(`COPY ${manifest} `);
  });

  it('builds the web app where the API looks for it, and starts the API by default', () => {
    const web = JSON.parse(read('apps/web/package.json')) as {
      name: string;
      scripts: Record<string, string>;
    };
    expect(web.scripts.build).toBeDefined();
    expect(lines).toContain(`RUN pnpm --filter ${web.name} build`);
    const workdir = lines.find((l) => l.startsWith('WORKDIR '))!.split(/\s+/)[1]!;
    expect(lines.join('\n')).toContain(`WEB_DIST=${workdir}/apps/web/dist`);
    const cmd = JSON.parse(lines.find((l) => l.startsWith('CMD '))!.slice(4)) as string[];
    expect(cmd.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
    expect(existsSync(path.join(root, cmd[3]!))).toBe(true);
    expect(cmd).toEqual(services.api!.command);
  });

  it('keeps local state and installed modules out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', '.data', '**/node_modules', '**/dist']) expect(ignored).toContain(entry);
  });
});
