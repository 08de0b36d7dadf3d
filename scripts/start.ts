/**
 * `pnpm start`: everything Relance needs, on one machine, with one command.
 *
 *   PostgreSQL  DATABASE_URL, else an embedded PostgreSQL with its data in .data/postgres
 *   Redis       REDIS_URL, else one answering on 127.0.0.1:6379, else redis-server from PATH (.data/redis)
 *   web app     built when apps/web/dist is missing or older than its sources (unless WEB_DIST is set)
 *   users       demo workspace on the first run (DEMO_MODE, default unless ADMIN_EMAIL is set),
 *               else the first admin from ADMIN_EMAIL / ADMIN_PASSWORD
 *   providers   the local sandbox on SANDBOX_PORT when no SendGrid / Twilio credentials are set; its signed
 *               webhooks (email events, inbound SMS) go to PUBLIC_URL/webhooks/..., verified with its own key
 *   then the API and the worker as child processes, until Ctrl-C.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webhookUrl } from '@relance/channels/webhook-paths';
import { runMigrations } from '@relance/db/migrate';
import { parseEnv } from '@relance/domain/env';
import { bootstrapUsers, demoLogins } from './lib/bootstrap-users';
import { waitForHealth } from './lib/health';
import { launcherEnvSchema, withoutEmpty } from './lib/launcher-env';
import { Lifecycle } from './lib/lifecycle';
import { prefixFor, runPrefixed, spawnManaged } from './lib/processes';
import { resolveDatabase } from './lib/resolve-database';
import { redactUrl, resolveLauncherRedis } from './lib/resolve-redis';
import { webBuildNeeded } from './lib/web-build';

const root = fileURLToPath(new URL('..', import.meta.url));
const tag = prefixFor('start');
const log = (line: string) => console.log(`${tag} ${line}`);
/** A directory as the user would type it: relative inside the repository, absolute elsewhere. */
const shown = (dir: string) => (dir.startsWith(root) ? path.relative(root, dir) || '.' : dir);

async function buildWebIfNeeded(): Promise<void> {
  const webDir = path.join(root, 'apps/web');
  if (!webBuildNeeded(webDir, [path.join(root, 'packages/domain/src')])) {
    log('web app is up to date (apps/web/dist)');
    return;
  }
  log('building the web app (pnpm --filter @relance/web build)...');
  const code = await runPrefixed('web', 'pnpm', ['--filter', '@relance/web', 'build'], { cwd: root });
  if (code !== 0) throw new Error(`the web app build failed (exit code ${code}); see the [web] lines above`);
}

async function main(lifecycle: Lifecycle): Promise<void> {
  const env = parseEnv(launcherEnvSchema, withoutEmpty(process.env), 'start');
  const dataDir = path.resolve(root, env.DATA_DIR);

  const redis = await resolveLauncherRedis({ url: env.REDIS_URL, dataDir, port: env.EMBEDDED_REDIS_PORT });
  if (redis.stop) lifecycle.onStop('redis-server', redis.stop);
  log(
    `Redis: ${redactUrl(redis.url)}${redis.stop ? ` (started here, data in ${shown(dataDir)}/redis)` : ''}`,
  );

  if (lifecycle.isStopping) return;
  // the build runs while the database starts, migrates and seeds
  const webBuilt = process.env.WEB_DIST
    ? Promise.resolve(log(`web app: ${process.env.WEB_DIST} (WEB_DIST)`))
    : buildWebIfNeeded();
  webBuilt.catch(() => {});

  const database = await resolveDatabase({
    url: env.DATABASE_URL,
    dataDir,
    port: env.EMBEDDED_PG_PORT,
    log: (line) => log(line),
  });
  if (database.stop) lifecycle.onStop('embedded PostgreSQL', database.stop);
  log(
    `PostgreSQL: ${redactUrl(database.url)}${database.stop ? ` (embedded, data in ${shown(dataDir)}/postgres)` : ''}`,
  );

  if (lifecycle.isStopping) return;
  await runMigrations(database.url);
  log('migrations applied');

  const bootstrap = await bootstrapUsers(database.url, {
    demo: env.DEMO_MODE,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
  });
  if (bootstrap.kind === 'demo-seeded') log(`demo workspace seeded: ${bootstrap.summary}`);
  if (bootstrap.kind === 'admin-created') log(`first administrator created: ${bootstrap.email}`);
  if (bootstrap.kind === 'no-users')
    log(
      'no users yet and no ADMIN_EMAIL / ADMIN_PASSWORD: set them, or DEMO_MODE=true, to be able to log in',
    );

  if (lifecycle.isStopping) return;
  let sandboxUrl: string | undefined;
  let sandboxKey: string | undefined;
  const publicUrl = process.env.PUBLIC_URL || `http://localhost:${env.PORT}`;
  if (env.useSandbox) {
    const { startSandbox } = await import('@relance/sandbox/server');
    // the sandbox posts its signed SendGrid events and its inbound SMS (replies, STOP) back to the API, as
    // SendGrid and Twilio would: a demo campaign's board fills by itself
    const sandbox = await startSandbox({
      port: env.SANDBOX_PORT,
      sendgridEventWebhookUrl: webhookUrl(publicUrl, 'sendgridEvents'),
      twilioInboundSmsUrl: webhookUrl(publicUrl, 'twilioSmsInbound'),
    });
    lifecycle.onStop('provider sandbox', sandbox.close);
    sandboxUrl = sandbox.url;
    sandboxKey = sandbox.keys.sendgridEventWebhookPublicKey;
    log(
      `no provider credentials: the provider sandbox answers on ${sandbox.url} (sent messages: ${sandbox.url}/sandbox/messages; its webhooks: ${sandbox.url}/sandbox/webhooks)`,
    );
  }

  await webBuilt;

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    PORT: String(env.PORT),
    DEMO_MODE: String(env.DEMO_MODE),
    PUBLIC_URL: publicUrl,
    WEB_DIST: process.env.WEB_DIST || path.join(root, 'apps/web/dist'),
    ...(sandboxUrl ? { SANDBOX_URL: sandboxUrl } : {}),
    // the API verifies the sandbox's events with the key it made at start, through the production code
    ...(sandboxKey ? { SENDGRID_WEBHOOK_PUBLIC_KEY: sandboxKey } : {}),
  };
  if (lifecycle.isStopping) return;
  const [, worker] = (['api', 'worker'] as const).map((name) => {
    const child = spawnManaged(name, process.execPath, ['--import', 'tsx', `apps/${name}/src/main.ts`], {
      env: childEnv,
      cwd: root,
    });
    lifecycle.addChild(child);
    return child;
  });

  const [healthy, workerReady] = await Promise.all([
    waitForHealth(`http://127.0.0.1:${env.PORT}/api/health`, {
      timeoutMs: 120_000,
      stillWorthWaiting: () => !lifecycle.isStopping,
    }),
    worker!.printed(/\bready\b/),
  ]);
  if (lifecycle.isStopping) return;
  if (!healthy)
    throw new Error(`the API did not answer on http://127.0.0.1:${env.PORT}/api/health within 2 minutes`);
  if (!workerReady) throw new Error('the worker stopped before it was ready; see the [worker] lines above');

  const lines = ['', `Relance is running: http://localhost:${env.PORT}`];
  if (env.DEMO_MODE) lines.push('Demo logins:', ...demoLogins().map((l) => `  ${l}`));
  lines.push('Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}

const lifecycle = new Lifecycle(log);
lifecycle.installSignalHandlers();
const startup = main(lifecycle);
lifecycle.trackStartup(startup);
startup.catch((err: unknown) => {
  if (!lifecycle.isStopping) console.error(`${tag} ${err instanceof Error ? err.message : String(err)}`);
  void lifecycle.stop(1);
});
