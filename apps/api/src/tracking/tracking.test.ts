import {
  formatTrackingCode,
  generateTrackingCode,
  generateTrackingCodes,
} from '@relance/domain/tracking-code';
import { createRedis } from '@relance/jobs/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app-server';
import { testKeyPrefix, testRedisUrl } from '../../../../tests/support/test-database';
import { type SentFixture, sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';

const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';

describe('tracked links, open pixel, hosted landing page and unsubscribe (real API, database and Redis)', () => {
  let app: TestApp;
  let redis: Redis;
  let f: SentFixture;
  const prefix = testKeyPrefix();
  /** the fixture's sends with real tracking codes, by contact number (1-based) */
  let codes: string[];
  let ipCount = 0;
  /** each test comes from its own address, so that their wrong codes are counted apart */
  const newIp = () => `203.0.113.${++ipCount}`;

  beforeAll(async () => {
    app = await startTestApp({
      worker: false,
      // codes are loaded on their first click here (the warmer has its own test): each test edits a landing page
      // before its codes' first click
      env: { QUEUE_PREFIX: prefix, TRACKING_GUESS_LIMIT: '5', TRACKING_LINK_WARM: 'false' },
    });
    redis = createRedis(testRedisUrl(), 'producer');
    f = await sentEmailCampaign(app.database.db, app.database.sql, 30);
    codes = generateTrackingCodes(f.sends.length);
    await app.database.sql`
      UPDATE sends s SET tracking_code = v.code
        FROM unnest(${f.sends.map((s) => s.id)}::bigint[], ${codes}::text[]) AS v(id, code)
       WHERE s.id = v.id`;
  });
  afterAll(async () => {
    await redis?.quit();
    await app?.close();
  });

  const request = (
    path: string,
    options: { ip: string; method?: string; headers?: Record<string, string>; body?: BodyInit } = { ip: '' },
  ) =>
    fetch(new URL(path, app.url), {
      method: options.method ?? 'GET',
      redirect: 'manual',
      headers: { 'user-agent': BROWSER, 'x-forwarded-for': options.ip, ...options.headers },
      body: options.body,
    });

  const sql = () => app.database.sql;
  const setCampaignLanding = (url: string | null) =>
    sql()`UPDATE campaigns SET plan = plan || jsonb_build_object('landingUrl', ${url}::text)
           WHERE id = ${f.campaign.campaign.id}`;
  const setStepLanding = (url: string | null) =>
    sql()`UPDATE campaign_steps SET definition = definition || jsonb_build_object('landingUrl', ${url}::text)
           WHERE id = ${f.campaign.steps[0]!.id}`;
  const setVariantLanding = (url: string) =>
    sql()`UPDATE campaign_steps
             SET definition = jsonb_set(definition, '{variants,0,landingUrl}', to_jsonb(${url}::text))
           WHERE id = ${f.campaign.steps[0]!.id}`;

  const events = (sendId: number, kind: string) =>
    sql()<{ source: string; source_id: string; detail: { client?: string } | null }[]>`
      SELECT source, source_id, detail FROM send_events WHERE send_id = ${sendId} AND kind = ${kind}::send_event_kind`;
  /** waits for the buffered clicks and opens to be written (they are flushed every ~100 ms) */
  const eventually = async <T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> => {
    const until = Date.now() + 5000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > until) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const utmCampaign = () => {
    const c = f.campaign.campaign;
    return `dispatch-test-${c.id.replace(/-/g, '').slice(0, 8)}`;
  };

  it('redirects to the landing page with UTM parameters merged into its query, before its fragment', async () => {
    await setCampaignLanding('https://shop.example/p?id=12#details');
    const a = f.sends[2]!; // variant A
    expect(a.variant).toBe('A');
    // typed in lower case, with the dash of the printed form
    const res = await request(`/r/${formatTrackingCode(codes[2]!).toLowerCase()}`, { ip: newIp() });
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('location')).toBe(
      `https://shop.example/p?id=12&utm_source=relance&utm_medium=email&utm_campaign=${utmCampaign()}&utm_content=A#details`,
    );
  });

  it('takes the step’s landing page before the campaign’s, and a message variant’s before the step’s', async () => {
    await setStepLanding('https://shop.example/step');
    await setVariantLanding('https://shop.example/variant-b?x=1');
    const [a, b] = [f.sends[4]!, f.sends[5]!];
    expect([a.variant, b.variant]).toEqual(['A', 'B']);
    const ra = await request(`/r/${codes[4]}`, { ip: newIp() });
    const rb = await request(`/r/${codes[5]}`, { ip: newIp() });
    expect(ra.headers.get('location')).toMatch(
      /^https:\/\/shop\.example\/step\?utm_source=relance&utm_medium=email/,
    );
    expect(rb.headers.get('location')).toBe(
      `https://shop.example/variant-b?x=1&utm_source=relance&utm_medium=email&utm_campaign=${utmCampaign()}&utm_content=B`,
    );
  });

  it('records each request as a click (without the address) and the send as one clicker', async () => {
    const send = f.sends[6]!;
    const ip = newIp();
    const rollup = async () => {
      const [row] = await sql()<{ contacts: number; events: number }[]>`
        SELECT contacts, events FROM send_rollups
         WHERE step_id = ${f.campaign.steps[0]!.id} AND variant = ${send.variant} AND kind = 'clicked'`;
      return row ?? { contacts: 0, events: 0 };
    };
    // earlier tests' clicks settle first
    await new Promise((r) => setTimeout(r, 300));
    const before = await rollup();
    for (let i = 0; i < 3; i++) expect((await request(`/r/${codes[6]}`, { ip })).status).toBe(302);
    // a link scanner that says what it is still gets its redirect, but is no click
    expect((await request(`/r/${codes[6]}`, { ip, headers: { 'user-agent': 'curl/8.5.0' } })).status).toBe(
      302,
    );
    const clicks = await eventually(
      () => events(send.id, 'clicked'),
      (rows) => rows.length >= 3,
    );
    expect(clicks).toHaveLength(3);
    expect(clicks.every((c) => c.source === 'link' && c.detail?.client === 'mobile')).toBe(true);
    expect(JSON.stringify(clicks)).not.toContain(ip);
    const [outcome] = await sql()<{ n: number }[]>`
      SELECT count(*)::int AS n FROM send_outcomes WHERE send_id = ${send.id} AND kind = 'clicked'`;
    expect(outcome!.n).toBe(1);
    const after = await rollup();
    // three clicks, one more clicker
    expect({ contacts: after.contacts - before.contacts, events: after.events - before.events }).toEqual({
      contacts: 1,
      events: 3,
    });
  });

  it('answers an unknown or malformed code with the same friendly 404 page, in the reader’s language', async () => {
    const ip = newIp();
    const unknown = await request(`/r/${generateTrackingCode()}`, { ip });
    const malformed = await request('/r/not-a-code', { ip });
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    const [a, b] = [await unknown.text(), await malformed.text()];
    expect(a).toBe(b);
    expect(a).toContain('Lien introuvable');
    expect(a).not.toMatch(/code|not-a-code/i);
    const english = await request(`/r/${generateTrackingCode()}`, {
      ip,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(english.status).toBe(404);
    expect(await english.text()).toContain('Link not found');
  });

  it('serves the open pixel: a 1×1 GIF that is never cached, recorded as an open', async () => {
    const send = f.sends[7]!;
    const res = await request(`/o/${codes[7]}.gif`, { ip: newIp() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const gif = Buffer.from(await res.arrayBuffer());
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a');
    expect(gif.readUInt16LE(6)).toBe(1);
    expect(gif.readUInt16LE(8)).toBe(1);
    const opens = await eventually(
      () => events(send.id, 'opened'),
      (rows) => rows.length >= 1,
    );
    expect(opens).toMatchObject([{ source: 'pixel' }]);
    expect((await request(`/o/${codes[7]}.png`, { ip: newIp() })).status).toBe(404);
  });

  it('never unsubscribes on a GET; the one-click POST unsubscribes once and suppresses the address', async () => {
    const send = f.sends[8]!;
    const ip = newIp();
    const page = await request(`/unsubscribe/${codes[8]}`, { ip });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<form method="post" action="/unsubscribe/${codes[8]}">`);
    expect(html).not.toContain('<script');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    await new Promise((r) => setTimeout(r, 300));
    expect(await events(send.id, 'unsubscribed')).toHaveLength(0);

    // RFC 8058: the mailbox provider POSTs List-Unsubscribe=One-Click, no cookie, no CSRF token
    const oneClick = () =>
      request(`/unsubscribe/${codes[8]}`, {
        ip,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('data-state="unsubscribed"');
    // as multipart/form-data (RFC 8058 says SHOULD), and a second time: nothing more
    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    expect((await request(`/unsubscribe/${codes[8]}`, { ip, method: 'POST', body: multipart })).status).toBe(
      200,
    );
    expect((await oneClick()).status).toBe(200);

    const recorded = await events(send.id, 'unsubscribed');
    expect(recorded).toMatchObject([{ source: 'unsubscribe', source_id: String(send.id) }]);
    const suppressed = await sql()<{ reason: string }[]>`
      SELECT reason FROM suppressions WHERE channel = 'email' AND address = ${send.address}`;
    expect(suppressed).toEqual([{ reason: 'unsubscribed' }]);
    const [consent] = await sql()<{ status: string }[]>`
      SELECT status FROM consents WHERE contact_id = ${send.contactId} AND channel = 'email'`;
    expect(consent!.status).toBe('opt_out');
  });

  it('sends a campaign without a landing page to the hosted page, where "interested" is one response', async () => {
    await setCampaignLanding(null);
    await setStepLanding(null);
    const send = f.sends[10]!; // variant A: no variant landing page
    expect(send.variant).toBe('A');
    const ip = newIp();
    const r = await request(`/r/${codes[10]}`, { ip });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe(`/l/${codes[10]}`);

    const landing = await request(`/l/${codes[10]}`, { ip, headers: { 'accept-language': 'fr-FR' } });
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain('Je suis intéressé(e)');
    expect(html).toContain(`<form method="post" action="/l/${codes[10]}">`);
    expect(html).not.toContain('<script');

    const press = () =>
      request(`/l/${codes[10]}`, {
        ip,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'interested=1',
      });
    const first = await press();
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/l/${codes[10]}`);
    expect((await press()).status).toBe(303);
    expect(await events(send.id, 'responded')).toMatchObject([
      { source: 'link', source_id: `landing:${send.id}` },
    ]);
    const after = await request(`/l/${codes[10]}`, { ip, headers: { 'accept-language': 'en' } });
    expect(await after.text()).toContain('data-state="responded"');
  });

  it('rate-limits code guessing per address: past the limit every code answers 429, known ones too', async () => {
    const guesser = newIp();
    const other = newIp();
    // known codes never touch Redis
    expect((await request(`/r/${codes[11]}`, { ip: other })).status).toBe(302);
    expect(await redis.exists(`${prefix}-tracking-guess:${other}`)).toBe(0);

    for (let i = 0; i < 5; i++) {
      const guess = i % 2 ? generateTrackingCode() : `ZZZZZ-${i}`;
      expect((await request(`/r/${guess}`, { ip: guesser })).status).toBe(404);
    }
    const refused = await request(`/r/${generateTrackingCode()}`, { ip: guesser });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    for (const path of [
      `/r/${codes[11]}`,
      `/o/${codes[11]}.gif`,
      `/l/${codes[11]}`,
      `/unsubscribe/${codes[11]}`,
    ]) {
      const res = await request(path, { ip: guesser });
      expect(res.status, path).toBe(429);
      expect(res.headers.get('retry-after'), path).toBeTruthy();
    }
    // everyone else is unaffected
    expect((await request(`/r/${codes[11]}`, { ip: other })).status).toBe(302);
  });
});
