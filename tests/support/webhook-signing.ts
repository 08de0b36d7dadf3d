import { createServer } from 'node:net';
import type { Sql } from '@relance/db/client';
import type { StoredCampaign } from '@relance/db/queries/campaigns';
import { SendgridWebhookSigner, twilioSignature } from '@relance/sandbox/signing';

/** A port free right now: the API must know its own public address (Twilio signs it) before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const TEST_TWILIO = { accountSid: `AC${'12ab'.repeat(8)}`, authToken: 'webhook-test-auth-token' };

/** Posts signed as the providers sign them (the sandbox's signing code), to an API whose PUBLIC_URL is `url`. */
export function webhookPoster(url: string, signer = new SendgridWebhookSigner()) {
  return {
    signer,
    sendgrid: (body: string, headers: Record<string, string> = signer.headers(body)) =>
      fetch(`${url}/webhooks/sendgrid`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      }),
    twilio: (pathAndQuery: string, params: Record<string, string>, token = TEST_TWILIO.authToken) =>
      fetch(`${url}${pathAndQuery}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(token, `${url}${pathAndQuery}`, params),
        },
        body: new URLSearchParams(params).toString(),
      }),
  };
}

/** SMS sends of the campaign's second step (an SMS) to these contacts, as the dispatch engine leaves them. */
export async function sentSmsSends(
  sql: Sql,
  campaign: StoredCampaign,
  contactIds: readonly number[],
): Promise<{ id: number; contactId: number; address: string }[]> {
  const step = campaign.steps[1]!;
  const [wave] = await sql<{ id: string }[]>`
    INSERT INTO send_waves (campaign_id, step_id, phase, variant, channel, due_at, materialised_at, enqueued_at)
    VALUES (${campaign.campaign.id}, ${step.id}, 'test', 'A', 'sms', now(), now(), now()) RETURNING id`;
  const rows = await sql<{ id: string; contact_id: string; address: string }[]>`
    INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, tracking_code, status, address, provider_id, finished_at)
    SELECT ${wave!.id}, ${campaign.campaign.id}, ${step.id}, c.id, 'test', 'A', 'sms', 'S' || lpad(c.id::text, 9, '0'),
           'sent', c.mobile, 'SM' || md5(c.id::text), now()
      FROM contacts c WHERE c.id = ANY(${contactIds.map(String)}::bigint[]) AND c.mobile IS NOT NULL
    RETURNING id, contact_id, address`;
  return rows.map((r) => ({ id: Number(r.id), contactId: Number(r.contact_id), address: r.address }));
}
