import { planPhase } from '@relance/domain/dispatch/phase-plan';
import { campaignInputSchema } from '@relance/domain/planning/campaign-input';
import type { VariantLabel } from '@relance/domain/planning/test-plan';
import { isTrackingCode } from '@relance/domain/tracking-code';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abEmailPlan,
  createPlannedCampaign,
  emailReasonOf,
  seedDispatchContacts,
} from '../../../../tests/support/dispatch-fixtures';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { createDb } from '../client';
import { applyCampaignEvent } from './campaign-lifecycle';
import { audienceSize, getCampaign } from './campaigns';
import { materialisePhase, materialiseWave } from './dispatch-materialise';
import { insertPhase, listWaves } from './dispatch-phases';

const N = 1000;

describe('materialising sends on a real database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDispatchContacts(t.sql, N);
  });
  afterAll(async () => {
    await t.drop();
  });

  /** Applies a starting event and writes its phase in the same transaction, as the dispatch engine does. */
  async function launch(campaignId: string, event: 'launch_test' | 'rollout', variant?: VariantLabel) {
    const stored = (await getCampaign(t.db, campaignId))!;
    const size = await audienceSize(t.db, stored.plan.audience);
    const phase = planPhase(stored.plan, {
      phase: event === 'launch_test' ? 'test' : 'rollout',
      launchedAt: new Date(),
      audienceSize: size,
      ...(variant ? { variant } : {}),
    });
    await applyCampaignEvent(t.db, campaignId, event, null, async (tx) => {
      await insertPhase(tx, campaignId, phase, null);
    });
  }

  const contactNumber = async (contactId: number) => {
    const [row] = await t.db.execute<{ i: number }>(
      sql`SELECT substr(external_id, 2)::int AS i FROM contacts WHERE id = ${contactId}`,
    );
    return Number(row!.i);
  };

  it('draws the test sample, splits it evenly, and writes one send per contact with a code or a skip reason', async () => {
    const c = await createPlannedCampaign(t.db, abEmailPlan());
    await launch(c.campaign.id, 'launch_test');
    // two materialisations at once (a launch retried, two workers): one writes, the other waits and writes nothing
    const [a, b] = await Promise.all([
      materialisePhase(t.db, c.campaign.id, 'test'),
      materialisePhase(t.db, c.campaign.id, 'test'),
    ]);
    expect([a.written, b.written].sort()).toEqual([false, true]);
    const done = a.written ? a : b;
    expect(done.targeted).toBe(300);
    expect(done.sendable + done.skipped).toBe(300);

    const rows = await t.db.execute<{
      contact_id: number;
      variant: string;
      status: string;
      skip_reason: string | null;
      tracking_code: string | null;
    }>(
      sql`SELECT contact_id, variant, status, skip_reason, tracking_code FROM sends WHERE step_id = ${c.steps[0]!.id}`,
    );
    expect(rows.length).toBe(300);
    expect(rows.filter((r) => r.variant === 'A').length).toBe(150);
    expect(rows.filter((r) => r.variant === 'B').length).toBe(150);
    // every skip reason is the one the contact's data gives; every sendable row has a valid, unique code
    for (const r of rows) {
      const expected = emailReasonOf(await contactNumber(Number(r.contact_id)));
      expect(r.skip_reason).toBe(expected);
      expect(r.status).toBe(expected ? 'skipped' : 'pending');
      if (expected) expect(r.tracking_code).toBeNull();
      else expect(isTrackingCode(r.tracking_code!)).toBe(true);
    }
    const codes = rows.flatMap((r) => (r.tracking_code ? [r.tracking_code] : []));
    expect(new Set(codes).size).toBe(codes.length);
    expect(done.skipped).toBe(rows.filter((r) => r.skip_reason).length);

    // reproducible: the sample is the audience ordered by md5(campaign, contact)
    const [check] = await t.db.execute<{ same: number }>(sql`
      WITH expected AS (SELECT id FROM contacts ORDER BY md5(${c.campaign.id}::text || ':' || id), id LIMIT 300)
      SELECT count(*)::int AS same FROM expected JOIN sends s ON s.contact_id = expected.id AND s.step_id = ${c.steps[0]!.id}`);
    expect(check!.same).toBe(300);

    // the rollout goes to the other 700, never to anyone of the test, in the variant rolled out
    await applyCampaignEvent(t.db, c.campaign.id, 'test_done', null);
    await launch(c.campaign.id, 'rollout', 'B');
    const rollout = await materialisePhase(t.db, c.campaign.id, 'rollout');
    expect(rollout.targeted).toBe(N - 300);
    const [counts] = await t.db.execute<{ test: number; rollout: number; contacts: number; b: number }>(sql`
      SELECT count(*) FILTER (WHERE phase = 'test')::int AS test,
             count(*) FILTER (WHERE phase = 'rollout')::int AS rollout,
             count(DISTINCT contact_id)::int AS contacts,
             count(*) FILTER (WHERE phase = 'rollout' AND variant = 'B')::int AS b
        FROM sends WHERE step_id = ${c.steps[0]!.id}`);
    expect(counts).toEqual({ test: 300, rollout: N - 300, contacts: N, b: N - 300 });
    // a second rollout materialisation writes nothing
    expect((await materialisePhase(t.db, c.campaign.id, 'rollout')).written).toBe(false);
  });

  it('resolves a later step among the phase’s members when it comes due: non-responders', async () => {
    const c = await createPlannedCampaign(t.db, abEmailPlan({ name: 'Later steps' }));
    await launch(c.campaign.id, 'launch_test');
    await materialisePhase(t.db, c.campaign.id, 'test');
    // a third of group A's sendable contacts answered the email
    await t.db.execute(sql`
      INSERT INTO send_events (send_id, kind, source, source_id)
      SELECT id, 'responded', 'test', 'r' || id FROM sends
       WHERE step_id = ${c.steps[0]!.id} AND variant = 'A' AND status = 'pending' AND id % 3 = 0`);
    const [counted] = await t.db.execute<{ responders: number; members: number }>(sql`
      SELECT (SELECT count(*) FROM send_events e JOIN sends s ON s.id = e.send_id WHERE s.step_id = ${c.steps[0]!.id})::int AS responders,
             (SELECT count(*) FROM sends WHERE step_id = ${c.steps[0]!.id} AND variant = 'A')::int AS members`);
    const { responders, members } = counted!;
    const waves = await listWaves(t.db, c.campaign.id);
    const smsA = waves.find((w) => w.position === 2 && w.variant === 'A')!;
    expect(smsA.channel).toBe('sms');
    const written = await materialiseWave(t.db, smsA.id);
    expect(written.targeted).toBe(members - responders);
    const rows = await t.db.execute<{ contact_id: number; skip_reason: string | null }>(
      sql`SELECT contact_id, skip_reason FROM sends WHERE wave_id = ${smsA.id}`,
    );
    expect(rows.length).toBe(members - responders);
    for (const r of rows) {
      const i = await contactNumber(Number(r.contact_id));
      const expected = i % 3 === 0 ? 'no_address' : i % 5 === 0 ? 'no_consent' : null;
      expect(r.skip_reason).toBe(expected);
    }
    expect((await materialiseWave(t.db, smsA.id)).written).toBe(false);
  });

  it('an audience by tag, and a rollout straight from the draft to everyone in it', async () => {
    const c = await createPlannedCampaign(
      t.db,
      abEmailPlan({
        name: 'Tag',
        audience: { type: 'tag', tag: 'spring' },
        testPlan: null,
        steps: [abEmailPlan().steps[1]!],
      }),
    );
    expect(campaignInputSchema.safeParse(abEmailPlan()).success).toBe(true);
    await launch(c.campaign.id, 'rollout');
    const done = await materialisePhase(t.db, c.campaign.id, 'rollout');
    expect(done.targeted).toBe(N / 2);
    const [row] = await t.db.execute<{ odd: number }>(sql`
      SELECT count(*)::int AS odd FROM sends s JOIN contacts c ON c.id = s.contact_id
       WHERE s.campaign_id = ${c.campaign.id} AND NOT ('spring' = ANY (c.tags))`);
    expect(row!.odd).toBe(0);
  });
  it('writes a rollout by ranges of contacts, the first one small so that sending starts at once', async () => {
    const c = await createPlannedCampaign(
      t.db,
      abEmailPlan({ name: 'Ranges', testPlan: null, steps: [abEmailPlan().steps[1]!] }),
    );
    await launch(c.campaign.id, 'rollout');
    const ranges: { after: number; upTo: number; written: number }[] = [];
    const done = await materialisePhase(t.db, c.campaign.id, 'rollout', {
      chunkSize: 300,
      onChunk: async (range) => {
        // committed before it is reported: another connection sees its sends
        const [row] = await t.db.execute<{ n: number }>(sql`
          SELECT count(*)::int AS n FROM sends
           WHERE campaign_id = ${c.campaign.id} AND contact_id > ${range.after} AND contact_id <= ${range.upTo}`);
        ranges.push({ ...range, written: Number(row!.n) });
      },
    });
    expect(ranges[0]!.upTo - ranges[0]!.after).toBe(30);
    for (const r of ranges.slice(1, -1)) expect(r.upTo - r.after).toBe(300);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.after).toBe(ranges[i - 1]!.upTo);
    expect(ranges.reduce((n, r) => n + r.written, 0)).toBe(done.targeted);
    expect(done.targeted).toBe(N);
  });

  it('writes every send when tracking codes are drawn twice: the plain insert gives way to ON CONFLICT and re-runs', async () => {
    // gen_random_uuid shadowed for new sessions of this database: 3 draws in every 400 give the same UUID (the same
    // code), so that the first, plain insert fails on the code's UNIQUE, and the ON CONFLICT run collides again
    const dbName = new URL(t.url).pathname.slice(1);
    await t.sql.unsafe(`CREATE SEQUENCE uuid_draws`);
    await t.sql.unsafe(`CREATE FUNCTION public.gen_random_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS $$
      SELECT CASE WHEN nextval('uuid_draws') % 400 < 3 THEN '00000000-0000-4000-8000-00000000abcd'::uuid
                  ELSE pg_catalog.gen_random_uuid() END $$`);
    await t.sql.unsafe(`ALTER DATABASE ${dbName} SET search_path = public, pg_catalog`);
    const shadowed = createDb(t.url, { max: 2 });
    try {
      const c = await createPlannedCampaign(
        t.db,
        abEmailPlan({ name: 'Collisions', testPlan: null, steps: [abEmailPlan().steps[1]!] }),
      );
      await launch(c.campaign.id, 'rollout');
      const done = await materialisePhase(shadowed.db, c.campaign.id, 'rollout');
      expect(done.written).toBe(true);
      expect(done.targeted).toBe(N);
      expect(done.sendable + done.skipped).toBe(N);
      const [row] = await t.db.execute<{ n: number; codes: number; draws: number }>(sql`
        SELECT count(*)::int AS n, count(DISTINCT tracking_code)::int AS codes,
               (SELECT last_value FROM uuid_draws)::int AS draws
          FROM sends WHERE campaign_id = ${c.campaign.id}`);
      expect(row!.n).toBe(N);
      expect(row!.codes).toBe(done.sendable);
      // one draw per member and run: more than N, so the plain insert was given up and the chunk written again
      expect(row!.draws).toBeGreaterThan(N);
    } finally {
      await shadowed.close();
      await t.sql.unsafe(`ALTER DATABASE ${dbName} RESET search_path`);
      await t.sql.unsafe(`DROP FUNCTION public.gen_random_uuid()`);
    }
  });
});
