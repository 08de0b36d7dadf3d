import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import {
  type SegmentDefinition,
  type SegmentNode,
  type SegmentRule,
  segmentDefinitionSchema,
} from '@relance/domain/segments/definition';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { refreshIndicators } from './indicators';
import { compileSegment, presenceOf } from './segment-sql';
import { countSegment, countSegmentWithReach, previewSegment } from './segments';

/**
 * Six hand-built contacts whose membership of every rule is known. Dates are relative to now, except B's one
 * order, placed at 23:30 UTC on 15 March 2024: already the 16th in Paris, where calendar days are counted.
 */
const PEOPLE = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
type Who = (typeof PEOPLE)[number];

const rule = (r: Omit<SegmentRule, 'kind'> & Record<string, unknown>): SegmentRule =>
  ({ kind: 'rule', ...r }) as SegmentRule;
const all = (...children: SegmentNode[]): SegmentDefinition => ({
  kind: 'group',
  combinator: 'and',
  children,
});
const any = (...children: SegmentNode[]): SegmentDefinition => ({
  kind: 'group',
  combinator: 'or',
  children,
});

describe('segment rules on a real database', () => {
  let t: TestDatabase;
  const id = {} as Record<Who, number>;
  let names: Map<number, Who>;

  const members = async (definition: SegmentDefinition): Promise<string> => {
    const { joins, where } = compileSegment(definition);
    const { sql } = await import('drizzle-orm');
    const rows = await t.db.execute<{ id: string }>(
      sql`SELECT contacts.id FROM contacts ${joins} WHERE ${where} ORDER BY contacts.id`,
    );
    const found = rows.map((r) => names.get(Number(r.id))!).sort();
    // the count agrees with the members
    expect(await countSegment(t.db, definition)).toBe(found.length);
    return found.join('');
  };
  const only = (r: Omit<SegmentRule, 'kind'> & Record<string, unknown>) => members(all(rule(r)));

  beforeAll(async () => {
    t = await createTestDatabase();
    const contacts: [Who, string][] = [
      [
        'A',
        `INSERT INTO contacts (kind, first_name, last_name, email, mobile, address_line1, postal_code, city, tags)
         VALUES ('person', 'Anne', 'Martin', 'anne@exemple.fr', '+33611111111', '12 rue des Lilas', '69003', 'Lyon', '{vip,newsletter}') RETURNING id`,
      ],
      [
        'B',
        `INSERT INTO contacts (kind, first_name, last_name, email, address_line1, postal_code, city, tags)
         VALUES ('person', 'Bernard', 'Dupont', 'bernard@exemple.fr', '3 Avenue du Maréchal-Foch', '75011', 'Paris', '{newsletter}') RETURNING id`,
      ],
      [
        'C',
        `INSERT INTO contacts (kind, company_name, phone, city)
         VALUES ('company', 'Société Générale d''Élevage', '+33140000000', 'Évry') RETURNING id`,
      ],
      [
        'D',
        `INSERT INTO contacts (kind, first_name, last_name, email, mobile, address_line1, postal_code, city)
         VALUES ('person', 'Denise', 'Lefèvre', 'denise@exemple.fr', '+33622222222', '5 Rue de l''Église', '75001', 'PARIS') RETURNING id`,
      ],
      [
        'E',
        `INSERT INTO contacts (kind, first_name, mobile) VALUES ('person', 'Éric', '+33633333333') RETURNING id`,
      ],
      [
        'F',
        `INSERT INTO contacts (kind, first_name, last_name, email, address_line1, postal_code, city)
         VALUES ('person', 'Bobby', 'Robert''); DROP TABLE contacts;--', 'f@exemple.fr', '1 place Bellecour', '69002', 'lyon') RETURNING id`,
      ],
    ];
    for (const [who, statement] of contacts) {
      const [row] = await t.sql.unsafe<{ id: string }[]>(statement);
      id[who] = Number(row!.id);
    }
    names = new Map(PEOPLE.map((w) => [id[w], w]));
    const orders: [Who, string, number][] = [
      ['A', "now() - interval '5 days'", 10_000],
      ['A', "now() - interval '20 days'", 10_000],
      ['A', "now() - interval '200 days'", 5_000],
      ['B', "'2024-03-15T23:30:00Z'", 3_000],
      ['D', "now() - interval '10 days'", 100_000],
    ];
    for (const [who, at, amount] of orders)
      await t.sql.unsafe(
        `INSERT INTO orders (contact_id, ordered_at, amount_cents) VALUES (${id[who]}, ${at}, ${amount})`,
      );
    for (const [who, ago] of [
      ['C', 10],
      ['C', 12],
      ['D', 100],
    ] as const)
      await t.sql`INSERT INTO interactions (contact_id, kind, occurred_at)
                  VALUES (${id[who]}, 'complaint', now() - make_interval(days => ${ago}))`;
    const consents: [Who, string, string][] = [
      ['A', 'email', 'opt_in'],
      ['A', 'sms', 'opt_in'],
      ['B', 'email', 'opt_out'],
      ['D', 'email', 'opt_in'],
      ['D', 'sms', 'opt_in'],
      ['D', 'voice', 'opt_in'],
      ['D', 'postal', 'opt_out'],
      ['E', 'phone', 'opt_out'],
      ['F', 'email', 'unknown'],
    ];
    for (const [who, channel, status] of consents)
      await t.sql`INSERT INTO consents (contact_id, channel, status, source)
                  VALUES (${id[who]}, ${channel}::channel, ${status}::consent_status, 'test')`;
    const suppressions: [string, string, string][] = [
      ['email', 'denise@exemple.fr', 'bounced'],
      ['phone', '+33622222222', 'do_not_call'],
      ['postal', '3 avenue du marechal foch, 75011 paris', 'npai'],
      // another channel's suppression of A's mobile does not stop SMS
      ['voice', '+33611111111', 'stop'],
    ];
    for (const [channel, address, reason] of suppressions)
      await t.sql`INSERT INTO suppressions (channel, address, reason, source)
                  VALUES (${channel}::channel, ${address}, ${reason}::suppression_reason, 'test')`;
    await refreshIndicators(t.sql, DEFAULT_INDICATOR_SETTINGS);
  });
  afterAll(() => t.drop());

  it('compares texts without case or accents', async () => {
    expect(await only({ field: 'contact.city', operator: 'eq', value: 'paris' })).toBe('BD');
    expect(await only({ field: 'contact.city', operator: 'eq', value: 'EVRY' })).toBe('C');
    // "is not" keeps the contacts with no city
    expect(await only({ field: 'contact.city', operator: 'neq', value: 'Paris' })).toBe('ACEF');
    expect(await only({ field: 'contact.lastName', operator: 'contains', value: 'FEV' })).toBe('D');
    expect(await only({ field: 'contact.lastName', operator: 'not_contains', value: 'u' })).toBe('ACDEF');
    expect(await only({ field: 'contact.postalCode', operator: 'starts_with', value: '75' })).toBe('BD');
    expect(await only({ field: 'contact.city', operator: 'in', values: ['lyon', 'Évry'] })).toBe('ACF');
    expect(await only({ field: 'contact.city', operator: 'not_in', values: ['LYON'] })).toBe('BCDE');
    expect(await only({ field: 'contact.city', operator: 'is_empty' })).toBe('E');
    expect(await only({ field: 'contact.email', operator: 'is_not_empty' })).toBe('ABDF');
    expect(await only({ field: 'contact.kind', operator: 'in', values: ['company'] })).toBe('C');
    expect(await only({ field: 'contact.kind', operator: 'not_in', values: ['company'] })).toBe('ABDEF');
  });

  it('reads tags', async () => {
    expect(await only({ field: 'contact.tags', operator: 'has_any', values: ['vip', 'x'] })).toBe('A');
    expect(await only({ field: 'contact.tags', operator: 'has_all', values: ['vip', 'newsletter'] })).toBe(
      'A',
    );
    expect(await only({ field: 'contact.tags', operator: 'has_all', values: ['newsletter'] })).toBe('AB');
    expect(await only({ field: 'contact.tags', operator: 'has_none', values: ['newsletter'] })).toBe('CDEF');
    expect(await only({ field: 'contact.tags', operator: 'is_empty' })).toBe('CDEF');
    expect(await only({ field: 'contact.tags', operator: 'is_not_empty' })).toBe('AB');
  });

  it('reads consents, a missing one being unknown', async () => {
    expect(await only({ field: 'consent.email', operator: 'in', values: ['opt_in'] })).toBe('AD');
    expect(await only({ field: 'consent.email', operator: 'in', values: ['unknown'] })).toBe('CEF');
    expect(await only({ field: 'consent.email', operator: 'not_in', values: ['opt_out'] })).toBe('ACDEF');
    expect(await only({ field: 'consent.phone', operator: 'in', values: ['opt_out'] })).toBe('E');
    // "unknown" is both a stored status (F) and no row at all (C, E)
    expect(await only({ field: 'consent.email', operator: 'not_in', values: ['unknown'] })).toBe('ABD');
    expect(await only({ field: 'consent.email', operator: 'in', values: ['opt_out', 'unknown'] })).toBe(
      'BCEF',
    );
  });

  it('reads order history: windows, first order only, last order date in Paris days', async () => {
    expect(await only({ field: 'orders.countInWindow', windowDays: 365, operator: 'gte', value: 2 })).toBe(
      'A',
    );
    expect(await only({ field: 'orders.countInWindow', windowDays: 30, operator: 'eq', value: 1 })).toBe('D');
    expect(await only({ field: 'orders.countInWindow', windowDays: 365, operator: 'eq', value: 0 })).toBe(
      'BCEF',
    );
    expect(
      await only({
        field: 'orders.amountInWindow',
        windowDays: 365,
        operator: 'between',
        value: [20_000, 30_000],
      }),
    ).toBe('A');
    expect(
      await only({ field: 'orders.amountInWindow', windowDays: 15, operator: 'gte', value: 10_000 }),
    ).toBe('AD');
    expect(await only({ field: 'orders.singleOrder', operator: 'is_true' })).toBe('BD');
    expect(await only({ field: 'orders.singleOrder', operator: 'is_false' })).toBe('ACEF');
    expect(await only({ field: 'orders.count', operator: 'eq', value: 0 })).toBe('CEF');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'within_last_days', days: 30 })).toBe('AD');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'more_than_days_ago', days: 365 })).toBe('B');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'is_empty' })).toBe('CEF');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'on', value: '2024-03-16' })).toBe('B');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'on', value: '2024-03-15' })).toBe('');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'before', value: '2024-03-16' })).toBe('');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'before', value: '2024-03-17' })).toBe('B');
    expect(await only({ field: 'orders.lastOrderAt', operator: 'after', value: '2024-03-15' })).toBe('ABD');
    expect(
      await only({ field: 'orders.firstOrderAt', operator: 'between', value: ['2024-01-01', '2024-12-31'] }),
    ).toBe('B');
    expect(await only({ field: 'orders.daysSinceLastOrder', operator: 'gt', value: 365 })).toBe('B');
    expect(await only({ field: 'orders.daysSinceLastOrder', operator: 'lte', value: 7 })).toBe('A');
  });

  it('counts complaints over a window', async () => {
    expect(
      await only({ field: 'interactions.complaintsInWindow', windowDays: 30, operator: 'gte', value: 2 }),
    ).toBe('C');
    expect(
      await only({ field: 'interactions.complaintsInWindow', windowDays: 365, operator: 'gte', value: 1 }),
    ).toBe('CD');
    expect(
      await only({ field: 'interactions.complaintsInWindow', windowDays: 30, operator: 'eq', value: 0 }),
    ).toBe('ABDEF');
    // "any" and "none" in every form they take (EXISTS / NOT EXISTS), and counts that are neither
    for (const [operator, value, members] of [
      ['gt', 0, 'CD'],
      ['neq', 0, 'CD'],
      ['gte', 1, 'CD'],
      ['lt', 1, 'ABEF'],
      ['lte', 0, 'ABEF'],
      ['eq', 0, 'ABEF'],
      ['lte', 1, 'ABDEF'],
      ['gte', 2, 'C'],
      ['eq', 1, 'D'],
    ] as const)
      expect(
        await only({ field: 'interactions.complaintsInWindow', windowDays: 365, operator, value }),
        `${operator} ${value}`,
      ).toBe(members);
  });

  it('counts from a table every member has a row of, when no rule reads the contact, with the same members', async () => {
    const fromOf = (definition: SegmentDefinition) =>
      new PgDialect().sqlToQuery(compileSegment(definition).countFrom).sql.replace(/\s+/g, ' ');
    const optIn = rule({ field: 'consent.email', operator: 'in', values: ['opt_in'] });
    const spent = rule({ field: 'orders.amountInWindow', windowDays: 3650, operator: 'gte', value: 1 });
    const tier = rule({ field: 'indicators.tier', operator: 'in', values: ['gold', 'basic'] });
    // strict rules at the top of an AND: the first joined table is where the count starts
    expect(fromOf(all(optIn, spent))).toMatch(/^FROM consents "j1" CROSS JOIN LATERAL/);
    expect(fromOf(all(spent, tier))).toMatch(/^FROM contact_order_history "j1" CROSS JOIN LATERAL/);
    expect(fromOf(all(tier))).toMatch(/^FROM "contact_indicators" CROSS JOIN LATERAL/);
    // not when a rule reads the contact, lets a contact without a row through, or sits in an OR or a NOT
    expect(fromOf(all(optIn, rule({ field: 'contact.city', operator: 'eq', value: 'Lyon' })))).toMatch(
      /^FROM "contacts"/,
    );
    expect(fromOf(all(rule({ field: 'consent.email', operator: 'in', values: ['unknown'] })))).toMatch(
      /^FROM "contacts"/,
    );
    expect(fromOf(all(rule({ field: 'consent.email', operator: 'not_in', values: ['opt_out'] })))).toMatch(
      /^FROM "contacts"/,
    );
    expect(
      fromOf(all(rule({ field: 'orders.countInWindow', windowDays: 30, operator: 'lt', value: 2 }))),
    ).toMatch(/^FROM "contacts"/);
    expect(fromOf(any(optIn, spent))).toMatch(/^FROM "contacts"/);
    expect(fromOf({ ...all(optIn), not: true })).toMatch(/^FROM "contacts"/);
    // the same members either way (members() compares the count with the rows found from contacts)
    expect(await members(all(optIn, spent))).toBe(await members(all(spent, optIn)));
    expect(
      await members(all(spent, tier, rule({ field: 'consent.sms', operator: 'in', values: ['opt_in'] }))),
    ).toBe(
      await members(
        all(any(spent), any(tier), any(rule({ field: 'consent.sms', operator: 'in', values: ['opt_in'] }))),
      ),
    );
    expect(
      await members(
        all(tier, any(optIn, rule({ field: 'contact.kind', operator: 'in', values: ['person'] }))),
      ),
    ).toBe(
      await members(
        all(any(tier), any(optIn, rule({ field: 'contact.kind', operator: 'in', values: ['person'] }))),
      ),
    );
  });

  it('asks "any" or "none" of a count with EXISTS, and anything else with the count itself', () => {
    const parse = (r: string) => r.split(' ').map((x, i) => (i ? Number(x) : x)) as [string, number];
    const rule = (operator: string, value: number) =>
      ({
        kind: 'rule',
        field: 'interactions.complaintsInWindow',
        windowDays: 30,
        operator,
        value,
      }) as SegmentRule;
    expect(['gte 1', 'gt 0', 'neq 0', 'gt 0.5'].map((r) => presenceOf(rule(...parse(r))))).toEqual([
      'any',
      'any',
      'any',
      'any',
    ]);
    expect(['eq 0', 'lt 1', 'lte 0', 'lte 0.5'].map((r) => presenceOf(rule(...parse(r))))).toEqual([
      'none',
      'none',
      'none',
      'none',
    ]);
    expect(
      ['gte 2', 'eq 1', 'lte 1', 'lt 2', 'neq 1', 'gt 1'].map((r) => presenceOf(rule(...parse(r)))),
    ).toEqual([null, null, null, null, null, null]);
    const { where } = compileSegment({ kind: 'group', combinator: 'and', children: [rule('eq', 0)] });
    expect(new PgDialect().sqlToQuery(where).sql).toMatch(/^\(\(NOT EXISTS \(SELECT 1 FROM interactions/);
  });

  it('reads the computed indicators', async () => {
    expect(await only({ field: 'indicators.revenue', operator: 'gte', value: 20_000 })).toBe('AD');
    expect(await only({ field: 'indicators.tier', operator: 'is_not_empty' })).toBe('ABD');
    expect(await only({ field: 'indicators.tier', operator: 'in', values: ['gold'] })).toBe('D');
    expect(await only({ field: 'indicators.complaintCount', operator: 'gt', value: 0 })).toBe('CD');
    expect(await only({ field: 'indicators.recencyScore', operator: 'is_empty' })).toBe('CEF');
    // the indicators' 180-day windows: A spent 200 € in the last 180 days and 50 € in the 180 before
    expect(await only({ field: 'indicators.revenueRecent', operator: 'gte', value: 20_000 })).toBe('AD');
    expect(await only({ field: 'indicators.revenuePrevious', operator: 'eq', value: 5_000 })).toBe('A');
  });

  it('combines rules with AND, OR, nested groups and NOT', async () => {
    const paris = rule({ field: 'contact.city', operator: 'eq', value: 'paris' });
    const vip = rule({ field: 'contact.tags', operator: 'has_any', values: ['vip'] });
    const emailOk = rule({ field: 'consent.email', operator: 'in', values: ['opt_in'] });
    expect(await members(all(any(paris, vip), emailOk))).toBe('AD');
    expect(await members(any(all(paris, emailOk), vip))).toBe('AD');
    expect(await members(any(paris, vip))).toBe('ABD');
    // NOT keeps the contacts with no value: E (no city) is "not in Lyon"
    expect(
      await members(
        all({
          kind: 'group',
          combinator: 'and',
          not: true,
          children: [rule({ field: 'contact.city', operator: 'eq', value: 'lyon' })],
        }),
      ),
    ).toBe('BCDE');
    expect(
      await members(
        any(
          all(paris, rule({ field: 'orders.singleOrder', operator: 'is_true' })),
          all(
            any(
              rule({ field: 'contact.kind', operator: 'in', values: ['company'] }),
              rule({ field: 'contact.firstName', operator: 'eq', value: 'eric' }),
            ),
          ),
        ),
      ),
    ).toBe('BCDE');
    // the same window in two rules joins once and still answers both
    const twice = all(
      rule({ field: 'orders.countInWindow', windowDays: 365, operator: 'gte', value: 1 }),
      rule({ field: 'orders.amountInWindow', windowDays: 365, operator: 'lt', value: 50_000 }),
    );
    expect(await members(twice)).toBe('A');
  });

  it('reads campaign history from the sends and their events', async () => {
    const [campaign] = await t.sql<{ id: string }[]>`
      INSERT INTO campaigns (name, kind, objective, plan) VALUES ('Printemps', 'win_back', 'sale', '{}') RETURNING id`;
    const [step] = await t.sql<{ id: string }[]>`
      INSERT INTO campaign_steps (campaign_id, position, channel, offset_days, definition)
      VALUES (${campaign!.id}, 1, 'email', 0, '{}') RETURNING id`;
    const [wave] = await t.sql<{ id: string }[]>`
      INSERT INTO send_waves (campaign_id, step_id, phase, variant, channel, due_at)
      VALUES (${campaign!.id}, ${step!.id}, 'rollout', 'A', 'email', now()) RETURNING id`;
    // A and B received it; D's failed; C was skipped
    const sendIds = {} as Record<string, number>;
    for (const [who, status] of [
      ['A', 'sent'],
      ['B', 'sent'],
      ['C', 'skipped'],
      ['D', 'failed'],
    ] as const) {
      const [row] = await t.sql<{ id: string }[]>`
        INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, status)
        VALUES (${wave!.id}, ${campaign!.id}, ${step!.id}, ${id[who]}, 'rollout', 'A', 'email', ${status}::send_status)
        RETURNING id`;
      sendIds[who] = Number(row!.id);
    }
    // A opened; B clicked (so opened too) and bought
    for (const [who, kind] of [
      ['A', 'opened'],
      ['B', 'clicked'],
      ['B', 'sold'],
    ] as const)
      await t.sql`INSERT INTO send_events (send_id, kind, source, source_id)
                  VALUES (${sendIds[who]!}, ${kind}::send_event_kind, 'test', ${`${who}-${kind}`})`;
    const history = (field: string, operator: SegmentRule['operator'] = 'is_true') =>
      only({ field: `campaign.${field}`, operator, campaignId: campaign!.id });
    expect(await history('received')).toBe('AB');
    expect(await history('received', 'is_false')).toBe('CDEF');
    expect(await history('opened')).toBe('AB');
    expect(await history('clicked')).toBe('B');
    expect(await history('responded')).toBe('B');
    expect(await history('responded', 'is_false')).toBe('ACDEF');
    // a campaign that does not exist is named, and nothing runs
    await expect(
      countSegment(
        t.db,
        all(
          rule({
            field: 'campaign.opened',
            operator: 'is_true',
            campaignId: '00000000-0000-4000-8000-000000000000',
          }),
        ),
      ),
    ).rejects.toMatchObject({
      fieldErrors: [
        {
          field: 'definition.children.0.campaignId',
          message: 'No campaign has this id: choose one from the list',
        },
      ],
    });
  });

  it('treats injection attempts in values as plain values: no rows, no error, nothing run', async () => {
    for (const attack of [
      "'; DROP TABLE contacts; --",
      "x' OR '1'='1",
      "paris') OR true --",
      '$1',
      '\\',
      '%',
    ]) {
      expect(await only({ field: 'contact.city', operator: 'eq', value: attack })).toBe('');
      expect(await only({ field: 'contact.city', operator: 'contains', value: attack })).toBe('');
      expect(await only({ field: 'contact.tags', operator: 'has_any', values: [attack, '{vip}'] })).toBe('');
      expect(await only({ field: 'contact.city', operator: 'in', values: [attack] })).toBe('');
    }
    // a value that looks like SQL is found as the text it is
    expect(
      await only({ field: 'contact.lastName', operator: 'eq', value: "Robert'); DROP TABLE contacts;--" }),
    ).toBe('F');
    const [{ n }] = (await t.sql`SELECT count(*)::int AS n FROM contacts`) as unknown as [{ n: number }];
    expect(n).toBe(6);
  });

  it('refuses unknown fields, operators that do not fit, bad values and unavailable fields, before running', async () => {
    const problems = (definition: unknown) => {
      const parsed = segmentDefinitionSchema.safeParse(definition);
      if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      try {
        compileSegment(parsed.data);
        return [];
      } catch (err) {
        return (err as { fieldErrors: { field: string; message: string }[] }).fieldErrors.map(
          (e) => `${e.field}: ${e.message}`,
        );
      }
    };
    expect(problems(all(rule({ field: 'contact.city; DROP TABLE contacts', operator: 'is_empty' })))).toEqual(
      [
        'definition.children.0.field: Unknown field "contact.city; DROP TABLE contacts": choose a field from the list',
      ],
    );
    expect(problems(all(rule({ field: 'contact.city', operator: 'gt', value: 3 })))[0]).toMatch(
      /^definition\.children\.0\.operator: "gt" does not fit this field \(a text\)/,
    );
    expect(problems(all(rule({ field: 'indicators.revenue', operator: 'gt', value: '1 OR 1=1' })))).toEqual([
      'definition.children.0.value: Enter an amount in cents (a whole number)',
    ]);
    expect(
      problems(all(rule({ field: 'indicators.tier', operator: 'in', values: ["gold' OR 1=1"] }))),
    ).toEqual(['definition.children.0.values.0: Unknown value "gold\' OR 1=1": use one of gold, basic, low']);
    expect(problems(all(rule({ field: 'orders.lastOrderAt', operator: 'on', value: '2026-02-30' })))).toEqual(
      ['definition.children.0.value: Enter a date as YYYY-MM-DD'],
    );
    expect(problems(all(rule({ field: 'orders.countInWindow', operator: 'gte', value: 1 })))).toEqual([
      'definition.children.0.windowDays: Say over how many days',
    ]);
    expect(problems(all(rule({ field: 'campaign.opened', operator: 'is_true' })))).toEqual([
      'definition.children.0.campaignId: Choose a campaign',
    ]);
    expect(
      problems(all(rule({ field: 'contact.city', operator: 'drop table' as never, value: 'x' })))[0],
    ).toMatch(/^children\.0\.operator: /);
  });

  it('refuses an empty group, a 100,000-value list and runaway nesting with what to fix', () => {
    const issues = (definition: unknown) =>
      segmentDefinitionSchema
        .safeParse(definition)
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ kind: 'group', combinator: 'and', children: [] })).toEqual([
      'children: This group is empty: add a rule to it or remove it',
    ]);
    expect(issues(all({ kind: 'group', combinator: 'or', children: [] }))).toEqual([
      'children.0.children: This group is empty: add a rule to it or remove it',
    ]);
    const huge = Array.from({ length: 100_000 }, (_, i) => String(i));
    expect(issues(all(rule({ field: 'contact.postalCode', operator: 'in', values: huge })))).toEqual([
      'children.0.values: At most 10,000 values in one list (this one has 100,000): import them as a tag and use a tag rule instead',
    ]);
    let deep: SegmentNode = rule({ field: 'contact.city', operator: 'is_empty' });
    for (let i = 0; i < 20_000; i++) deep = { kind: 'group', combinator: 'and', children: [deep] };
    expect(issues(deep)).toEqual([': Groups nest at most 5 deep: move some rules up a level']);
    const many = all(
      ...Array.from({ length: 101 }, () => rule({ field: 'contact.city', operator: 'is_empty' })),
    );
    expect(issues(many)).toEqual([': At most 100 rules in one segment: split it into two segments']);
  });

  it('takes a 10,000-value list', async () => {
    const values = [...Array.from({ length: 9_999 }, (_, i) => `${10_000 + i}`), '69003'];
    expect(await only({ field: 'contact.postalCode', operator: 'in', values })).toBe('A');
  });

  it('counts who each channel reaches: address, consent, suppression', async () => {
    const everyone = all(rule({ field: 'contact.kind', operator: 'in', values: ['person', 'company'] }));
    // email: A (D bounced, B opted out, F unknown); SMS: A, D (A's voice STOP is another channel's);
    // voice: D; postal: A, F (B's address returned NPAI whatever its accents, D opted out, C and E have none);
    // phone: A, C (D's number is on do-not-call, E opted out)
    expect(await countSegmentWithReach(t.db, everyone)).toEqual({
      count: 6,
      reachable: { email: 1, sms: 2, voice: 1, postal: 2, phone: 2 },
    });
    const lyon = all(rule({ field: 'contact.city', operator: 'eq', value: 'lyon' }));
    expect(await countSegmentWithReach(t.db, lyon)).toEqual({
      count: 2,
      reachable: { email: 1, sms: 1, voice: 0, postal: 2, phone: 1 },
    });
  });

  it('previews the first contacts by name with their indicators', async () => {
    const rows = await previewSegment(t.db, all(rule({ field: 'contact.email', operator: 'is_not_empty' })));
    expect(rows.map((r) => r.lastName)).toEqual([
      'Dupont',
      'Lefèvre',
      'Martin',
      "Robert'); DROP TABLE contacts;--",
    ]);
    expect(rows.find((r) => r.lastName === 'Lefèvre')).toMatchObject({ tier: 'gold', revenueCents: 100_000 });
  });
});
