import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { compileEmail } from '@relance/templates/email';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { emailBatchContent } from './batch-content';
import { createSendgridAdapter } from './sendgrid-adapter';

// counts MJML compilations, wherever they happen (templates' compileEmail imports the same module)
const compilations = vi.hoisted(() => ({ count: 0 }));
// the mjml that @relance/templates imports (this package does not depend on mjml at all)
vi.mock('../../../templates/node_modules/mjml', async (importOriginal) => {
  const actual = (await importOriginal()) as { default: (...args: unknown[]) => unknown };
  return {
    default: (...args: unknown[]) => {
      compilations.count += 1;
      return actual.default(...args);
    },
  };
});

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, keepPayloads: false });
});
afterAll(async () => {
  await sandbox.close();
});

it('compiles the MJML once for a variant, not once per recipient, and sends 2,000 recipients in 2 requests', async () => {
  const compiled = await compileEmail({
    subject: 'Bonjour {{firstName}}',
    mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Bonjour {{firstName}} <a href="{{unsubscribeUrl}}">désinscription</a></mj-text></mj-column></mj-section></mj-body></mjml>',
  });
  expect(compilations.count).toBe(1);
  const content = emailBatchContent(compiled);
  const adapter = createSendgridAdapter({
    apiKey: 'SG.x',
    baseUrl: sandbox.url,
    from: { email: 'a@relance.example' },
    unsubscribeMailto: 'u@relance.example',
    timeoutMs: 10_000,
  });
  const results = await adapter.sendBatch(
    Array.from({ length: 2000 }, (_, i) => ({
      channel: 'email' as const,
      sendId: String(i),
      to: { email: `c${i}@example.fr` },
      body: content.body,
      substitutions: content.substitutions({
        firstName: `P${i}`,
        unsubscribeUrl: `https://r.example/u/${i}`,
      }),
      category: 'campaign-1',
      unsubscribe: { url: `https://r.example/u/${i}`, token: String(i) },
    })),
  );
  expect(results.filter((r) => r.kind === 'accepted')).toHaveLength(2000);
  expect(sandbox.store.list('sendgrid')).toHaveLength(2);
  expect(compilations.count).toBe(1);
});
