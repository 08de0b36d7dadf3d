import { describe, expect, it } from 'vitest';
import { launcherEnvSchema, withoutEmpty } from './launcher-env';

const parse = (env: Record<string, string | undefined>) => launcherEnvSchema.safeParse(withoutEmpty(env));

describe('launcher settings', () => {
  it('defaults: port 3000, demo mode, sandbox, embedded ports', () => {
    const env = parse({ PORT: '' });
    expect(env.success && env.data).toMatchObject({
      PORT: 3000,
      DEMO_MODE: true,
      useSandbox: true,
      EMBEDDED_PG_PORT: 54329,
      SANDBOX_PORT: 3001,
      DATA_DIR: '.data',
    });
  });

  it('leaves demo mode when an administrator is configured, unless DEMO_MODE says otherwise', () => {
    const admin = { ADMIN_EMAIL: 'boss@example.fr', ADMIN_PASSWORD: 'a-long-password' };
    expect(parse(admin).data?.DEMO_MODE).toBe(false);
    expect(parse({ ...admin, DEMO_MODE: 'true' }).data?.DEMO_MODE).toBe(true);
  });

  it('uses the providers when credentials are set', () => {
    expect(parse({ SENDGRID_API_KEY: 'SG.x' }).data?.useSandbox).toBe(false);
    expect(parse({ TWILIO_ACCOUNT_SID: 'AC1' }).data?.useSandbox).toBe(false);
  });

  it('lists what is wrong', () => {
    const result = parse({ PORT: '99999', ADMIN_EMAIL: 'boss@example.fr', REDIS_URL: 'http://x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'ADMIN_PASSWORD',
      'PORT',
      'REDIS_URL',
    ]);
  });
});
