import type { LinkTargetRow } from '@relance/db/queries/tracked-links';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';
import { LinkDirectory } from './link-directory';
import { startLinkWarmer } from './link-warmer';

/** the location a target answers, in a form the test can read: the landing URL, or null for the hosted page */
const locate = (row: LinkTargetRow) =>
  row.landing.variant ?? row.landing.step ?? row.landing.campaign ?? null;

describe('the link directory in memory', () => {
  const row = (stepId: string, landing: string | null): LinkTargetRow => ({
    stepId,
    variant: 'A',
    channel: 'email',
    campaignId: 'c',
    campaignName: 'C',
    landing: { variant: null, step: landing, campaign: null },
  });

  it('keeps at most its size, pushing out the least recently used code first', () => {
    const d = new LinkDirectory(2, locate);
    const t = d.target(row('s1', 'https://a.example/'));
    d.add('AAAAAAAAAA', 1, t);
    d.add('BBBBBBBBBB', 2, t);
    expect(d.get('AAAAAAAAAA')?.sendId).toBe(1); // A is now the most recent
    d.add('CCCCCCCCCC', 3, t);
    expect(d.get('BBBBBBBBBB')).toBeUndefined();
    expect(d.get('AAAAAAAAAA')?.sendId).toBe(1);
    expect(d.get('CCCCCCCCCC')?.sendId).toBe(3);
    expect(d.size).toEqual({ codes: 2, targets: 1 });
  });

  it('updates a target in place for every code that shares it, and forgets the codes of a target gone', () => {
    const d = new LinkDirectory(10, locate);
    const t = d.target(row('s1', 'https://a.example/'));
    d.add('AAAAAAAAAA', 1, t);
    d.add('BBBBBBBBBB', 2, t);
    d.target(row('s1', 'https://b.example/'));
    expect(d.get('AAAAAAAAAA')?.target.location).toBe('https://b.example/');
    expect(d.get('BBBBBBBBBB')?.target.location).toBe('https://b.example/');
    // read again: the step did not come back
    d.refresh(d.targetKeys(), []);
    expect(d.get('AAAAAAAAAA')).toBeUndefined();
    expect(d.size.targets).toBe(0);
  });

  it('adds codes read in bulk only once their target is known', () => {
    const d = new LinkDirectory(10, locate);
    const codes = [
      { code: 'AAAAAAAAAA', sendId: 1, stepId: 's1', variant: 'A' as const, channel: 'email' as const },
      { code: 'BBBBBBBBBB', sendId: 2, stepId: 's2', variant: 'A' as const, channel: 'email' as const },
    ];
    expect(d.missingTargets(codes).map((k) => k.stepId)).toEqual(['s1', 's2']);
    d.target(row('s1', null));
    expect(d.addCodes(codes)).toBe(1);
    expect(d.get('AAAAAAAAAA')?.target.location).toBeNull();
    expect(d.get('BBBBBBBBBB')).toBeUndefined();
  });
});

describe('the link warmer (real database)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('loads the sends’ codes before any click, then the new ones, and follows landing page edits', async () => {
    const first = await sentEmailCampaign(db.db, db.sql, 5);
    const directory = new LinkDirectory(1000, locate);
    const warmer = startLinkWarmer(db.db, directory, { everyMs: 60_000, warm: true, log: () => {} });
    try {
      await warmer.tickNow();
      for (const s of first.sends) expect(directory.get(s.code)?.sendId).toBe(s.id);
      expect(directory.get(first.sends[0]!.code)?.target.location).toBeNull();

      // sends made since: loaded at the next read, through the watermark
      const second = await sentEmailCampaign(db.db, db.sql, 3, 5);
      expect(directory.get(second.sends[0]!.code)).toBeUndefined();
      await warmer.tickNow();
      for (const s of second.sends) expect(directory.get(s.code)?.sendId).toBe(s.id);

      // a landing page edited: every code of the step follows at the next read
      await db.sql`UPDATE campaign_steps SET definition = definition || '{"landingUrl": "https://shop.example/new"}'
                    WHERE id = ${first.campaign.steps[0]!.id}`;
      await warmer.tickNow();
      for (const s of first.sends)
        expect(directory.get(s.code)?.target.location).toBe('https://shop.example/new');
      expect(directory.get(second.sends[0]!.code)?.target.location).toBeNull();

      // a campaign deleted: its codes are no longer answered from memory
      await db.sql`DELETE FROM sends WHERE campaign_id = ${second.campaign.campaign.id}`;
      await db.sql`DELETE FROM campaign_steps WHERE campaign_id = ${second.campaign.campaign.id}`;
      await warmer.tickNow();
      expect(directory.get(second.sends[0]!.code)).toBeUndefined();
      expect(directory.get(first.sends[0]!.code)?.sendId).toBe(first.sends[0]!.id);
    } finally {
      await warmer.close();
    }
  });

  it('loads nothing ahead when warming is off, but still keeps the targets fresh', async () => {
    const f = await sentEmailCampaign(db.db, db.sql, 2, 20);
    const directory = new LinkDirectory(1000, locate);
    const warmer = startLinkWarmer(db.db, directory, { everyMs: 60_000, warm: false, log: () => {} });
    try {
      await warmer.tickNow();
      expect(directory.get(f.sends[0]!.code)).toBeUndefined();
      const target = directory.target({
        stepId: f.campaign.steps[0]!.id,
        variant: f.sends[0]!.variant,
        channel: 'email',
        campaignId: f.campaign.campaign.id,
        campaignName: 'x',
        landing: { variant: null, step: null, campaign: null },
      });
      directory.add(f.sends[0]!.code, f.sends[0]!.id, target);
      await db.sql`UPDATE campaigns SET plan = plan || '{"landingUrl": "https://shop.example/c"}'
                    WHERE id = ${f.campaign.campaign.id}`;
      await warmer.tickNow();
      expect(directory.get(f.sends[0]!.code)?.target.location).toBe('https://shop.example/c');
    } finally {
      await warmer.close();
    }
  });
});
