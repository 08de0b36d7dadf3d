import type { Database } from '@relance/db/client';
import { createDemoUsers, DEMO_USERS } from '@relance/db/demo-users';
import { getIndicatorSettings, refreshIndicators } from '@relance/db/queries/indicators';
import { countUsers } from '@relance/db/queries/users';
import { refreshWinback } from '@relance/db/queries/winback-refresh';
import { getWinbackSettings } from '@relance/db/queries/winback-settings';
import { consentEvents, consents, contacts, suppressions } from '@relance/db/schema/contacts';
import { interactions } from '@relance/db/schema/interactions';
import { orders } from '@relance/db/schema/orders';
import { seedDemoCallbacks } from './callbacks';
import { seedDemoCampaigns } from './campaigns';
import { generateConsents, generateSuppressions } from './consents';
import { type DemoContact, generateContacts } from './contacts';
import { isCustomer, type SeededContact } from './customers';
import { batches } from './insert';
import { generateInteractions } from './interactions';
import { generateOrders, type OrderRow } from './orders';
import { createDemoFaker } from './random';
import { seedDemoSentCampaign } from './sent-campaign';
import { seedDemoSurveys } from './surveys';

export interface SeedSummary {
  users: number;
  contacts: number;
  orders: number;
  consents: number;
  suppressions: number;
  interactions: number;
  campaigns: number;
  /** events recorded for the demo's sent campaign (its deliveries, opens, returns, sales...) */
  sentEvents: number;
  ms: number;
}

export interface SeedOptions {
  /** the day the history ends; today (UTC midnight) unless told, so a seed is the same all day */
  now?: Date;
  seed?: number;
  consumers?: number;
  companies?: number;
}

const SEED_LOCK = 4242002;

/**
 * Seeds the demo workspace: the four demo logins and about 3,000 contacts with three years of history.
 * Deterministic for a given seed and day. Does nothing (answers null) when the workspace has users.
 * The data goes in one transaction and the users last, so that a seed that failed half-way is redone
 * whole on the next start.
 */
export async function seedDemo(database: Database, options: SeedOptions = {}): Promise<SeedSummary | null> {
  const started = Date.now();
  if ((await countUsers(database.db)) > 0) return null;
  const now = options.now ?? startOfUtcDay(new Date());
  const faker = createDemoFaker(options.seed ?? 20_240_601);
  const generated = generateContacts(faker, {
    consumers: options.consumers ?? 2_550,
    companies: options.companies ?? 200,
  });

  const counts = await database.db.transaction(async (tx) => {
    await tx.execute(`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
    // leftovers of a seed that stopped before creating the users (cascades to orders, consents...)
    await tx.execute(`DELETE FROM contacts WHERE external_id LIKE 'DEMO-%'`);

    const insertContacts = async (list: DemoContact[], companyIds: Map<string, number>) => {
      const byRef = new Map(list.map((c) => [c.row.externalId!, c]));
      const seeded: SeededContact[] = [];
      for (const batch of batches(list, 1_000)) {
        const inserted = await tx
          .insert(contacts)
          .values(
            batch.map((c) => ({ ...c.row, companyId: c.companyRef ? companyIds.get(c.companyRef) : null })),
          )
          .returning({ id: contacts.id, externalId: contacts.externalId, companyId: contacts.companyId });
        for (const row of inserted) {
          const source = byRef.get(row.externalId!)!;
          seeded.push({
            id: row.id,
            profile: source.profile,
            kind: source.row.kind ?? 'person',
            companyId: row.companyId,
            row: source.row,
          });
        }
      }
      return seeded;
    };

    const companies = await insertContacts(generated.companies, new Map());
    const companyIds = new Map(companies.map((c) => [c.row.externalId!, c.id]));
    const persons = await insertContacts(generated.persons, companyIds);
    const everyone = [...companies, ...persons];

    const orderRows = generateOrders(faker, everyone.filter(isCustomer), now);
    for (const batch of batches(orderRows, 2_000)) await tx.insert(orders).values(batch);
    // external ids follow the order dates, as an order-taking system would number them
    await tx.execute(`
      UPDATE orders o SET external_id = 'DEMO-O' || lpad(n::text, 6, '0')
      FROM (SELECT id, row_number() OVER (ORDER BY ordered_at, id) AS n FROM orders WHERE external_id IS NULL) s
      WHERE o.id = s.id`);

    const consent = generateConsents(faker, everyone, now);
    const suppressionRows = generateSuppressions(faker, everyone, consent.consents, now);
    for (const batch of batches(consent.consents, 3_000)) await tx.insert(consents).values(batch);
    for (const batch of batches(consent.events, 3_000)) await tx.insert(consentEvents).values(batch);
    for (const batch of batches(suppressionRows, 1_000))
      await tx.insert(suppressions).values(batch).onConflictDoNothing();

    const ordersByContact = new Map<number, OrderRow[]>();
    for (const o of orderRows) {
      const list = ordersByContact.get(o.contactId) ?? [];
      list.push(o);
      ordersByContact.set(o.contactId, list);
    }
    const interactionRows = generateInteractions(faker, everyone, ordersByContact, now);
    for (const batch of batches(interactionRows, 2_000)) await tx.insert(interactions).values(batch);

    return {
      contacts: everyone.length,
      orders: orderRows.length,
      consents: consent.consents.length,
      suppressions: suppressionRows.length,
      interactions: interactionRows.length,
    };
  });

  await createDemoUsers(database.db);
  // the account manager owns the companies; calls were made by the agent, visits by the manager
  await database.sql`
    UPDATE contacts c SET owner_id = u.id FROM users u
    WHERE u.email = 'manager@relance.example' AND c.kind = 'company' AND c.external_id LIKE 'DEMO-%'`;
  await database.sql`
    UPDATE interactions i SET user_id = u.id FROM users u
    WHERE i.user_id IS NULL
      AND ((i.kind = 'call' AND u.email = 'agent@relance.example')
        OR (i.kind = 'visit' AND u.email = 'manager@relance.example'))`;
  // the customer indicators at once, rather than at the first nightly run
  const indicatorSettings = await getIndicatorSettings(database.db);
  await refreshIndicators(database.sql, indicatorSettings);
  // and the win-back state built on them, then why some of the former customers left (every other one, the
  // reason and competitor picked from the contact id, dated when they left) so that the barometer has a history
  // (a first refresh a month ago, which only records the state then, so that the alert feed shows what appeared
  // over the last month: the first refresh of a workspace raises no alert)
  const winbackSettings = await getWinbackSettings(database.db);
  await refreshWinback(
    database.sql,
    winbackSettings,
    indicatorSettings,
    new Date(Date.now() - 30 * 86_400_000),
  );
  await refreshWinback(database.sql, winbackSettings, indicatorSettings);
  await database.sql`
    INSERT INTO lost_reasons (contact_id, reason, competitor, exclusion, lost_at, user_id)
    SELECT w.contact_id, r.reason::lost_reason,
           CASE WHEN r.reason = 'competitor'
                THEN (ARRAY['Direct Discount', 'MegaStore', 'Le Comptoir Malin'])[1 + w.contact_id % 3] END,
           CASE WHEN r.reason = 'moved' THEN 'moved_out_of_area'::winback_exclusion END,
           -- a drop in spend is dated the day it was seen (today): say they left after their last order instead
           CASE WHEN w.former_reason = 'spend_drop' THEN ci.last_order_at ELSE w.former_since END, u.id
      FROM contact_winback w
      JOIN contact_indicators ci ON ci.contact_id = w.contact_id
      CROSS JOIN LATERAL (SELECT (ARRAY['price', 'competitor', 'service', 'quality', 'competitor', 'moved', 'price',
                                        'business_closed'])[1 + (w.contact_id / 2) % 8] AS reason) r
      JOIN users u ON u.email = 'agent@relance.example'
     WHERE w.former_since IS NOT NULL AND w.contact_id % 2 = 0`;
  const [marketer] = await database.sql<{ id: string }[]>`
    SELECT id FROM users WHERE email = 'marketer@relance.example'`;
  const campaigns = await seedDemoCampaigns(database, marketer?.id ?? null);
  // a win-back campaign sent three weeks ago, with its returns and follow-ups: the boards are not empty at first start
  const sentEvents = await seedDemoSentCampaign(database, marketer?.id ?? null);
  // the telemarketer's callback queues: win-back candidates and signals, and the win-back campaign's calls
  await seedDemoCallbacks(database);
  // a satisfaction survey: a closed wave of 40 answers and an open one, so that results show at once
  await seedDemoSurveys(database, marketer?.id ?? null);

  return {
    users: DEMO_USERS.length,
    ...counts,
    campaigns: campaigns + (sentEvents > 0 ? 1 : 0),
    sentEvents,
    ms: Date.now() - started,
  };
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
