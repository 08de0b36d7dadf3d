import type { Db, Sql } from '@relance/db/client';
import type { StoredCampaign } from '@relance/db/queries/campaigns';
import { abEmailPlan, createPlannedCampaign, seedDispatchContacts } from './dispatch-fixtures';

export interface SentFixture {
  campaign: StoredCampaign;
  /** the sends of step 1 (email): contact number i (1..n) → its send */
  sends: { id: number; contactId: number; code: string; address: string | null; variant: 'A' | 'B' }[];
}

/**
 * A campaign whose first step (email) was sent to `n` fixture contacts (dispatch-fixtures seedDispatchContacts),
 * written straight into `send_waves` and `sends` as the dispatch engine leaves them: status `sent`, a tracking code
 * (`T` + the contact's number, padded: not a real code, but unique and readable in tests), the contact's email as
 * the address, variants A and B alternating. For tests of what comes back from sends.
 */
export async function sentEmailCampaign(db: Db, rawSql: Sql, n: number, offset = 0): Promise<SentFixture> {
  await seedDispatchContacts(rawSql, n, offset);
  const campaign = await createPlannedCampaign(db, abEmailPlan());
  const step = campaign.steps[0]!;
  const [wave] = await rawSql<{ id: string }[]>`
    INSERT INTO send_waves (campaign_id, step_id, phase, variant, channel, due_at, materialised_at, enqueued_at)
    VALUES (${campaign.campaign.id}, ${step.id}, 'test', 'A', 'email', now(), now(), now()) RETURNING id`;
  const rows = await rawSql<
    { id: string; contact_id: string; tracking_code: string; address: string | null; variant: 'A' | 'B' }[]
  >`
    INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, tracking_code, status, address, provider_id, finished_at)
    SELECT ${wave!.id}, ${campaign.campaign.id}, ${step.id}, c.id, 'test',
           (CASE WHEN k.i % 2 = 0 THEN 'B' ELSE 'A' END)::variant_label, 'email',
           'T' || lpad(k.i::text, 9, '0'), 'sent', c.email, 'sg-' || k.i, now()
      FROM contacts c CROSS JOIN LATERAL (SELECT substr(c.external_id, 2)::int AS i) k
     WHERE c.external_id LIKE 'd%' AND k.i BETWEEN ${offset + 1} AND ${offset + n}
     ORDER BY k.i
    RETURNING id, contact_id, tracking_code, address, variant`;
  return {
    campaign,
    sends: rows.map((r) => ({
      id: Number(r.id),
      contactId: Number(r.contact_id),
      code: r.tracking_code,
      address: r.address,
      variant: r.variant,
    })),
  };
}
