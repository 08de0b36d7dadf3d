import { SendgridWebhookSigner } from '@relance/sandbox/signing';
import { describe, expect, it } from 'vitest';
import { normaliseSendgridEvents } from './sendgrid-events';
import { createLibraryVerifier, createSendgridVerifier, sendgridPublicKeyProblem } from './sendgrid-webhook';

/** Events as SendGrid posts them (its documentation's examples), `send_id` flattened from custom_args. */
const base = {
  email: 'jeanne@example.fr',
  timestamp: 1_717_000_000,
  'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
  sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  category: ['campaign-1'],
  send_id: '42',
};
const batch = [
  { ...base, event: 'processed', sg_event_id: 'p1' },
  { ...base, event: 'deferred', sg_event_id: 'df1', response: '400 try again later', attempt: '5' },
  { ...base, event: 'delivered', sg_event_id: 'd1', response: '250 OK' },
  {
    ...base,
    event: 'open',
    sg_event_id: 'o1',
    useragent: 'Mozilla/5.0',
    ip: '192.0.2.1',
    sg_machine_open: false,
  },
  {
    ...base,
    event: 'click',
    sg_event_id: 'c1',
    url: 'https://shop.example/offre',
    url_offset: { index: 0, type: 'html' },
  },
  {
    ...base,
    event: 'bounce',
    sg_event_id: 'b1',
    type: 'bounce',
    status: '5.1.1',
    reason: '550 no such user',
    bounce_classification: 'Invalid Address',
  },
  {
    ...base,
    event: 'bounce',
    sg_event_id: 'b2',
    type: 'blocked',
    status: '4.0.0',
    reason: 'blocked by policy',
  },
  { ...base, event: 'dropped', sg_event_id: 'dr1', reason: 'Bounced Address', status: '5.0.0' },
  { ...base, event: 'spamreport', sg_event_id: 's1' },
  { ...base, event: 'unsubscribe', sg_event_id: 'u1' },
  { ...base, event: 'group_unsubscribe', sg_event_id: 'u2', asm_group_id: 10 },
  { ...base, event: 'group_resubscribe', sg_event_id: 'r1', asm_group_id: 10 },
];

describe('normaliseSendgridEvents', () => {
  it('maps each SendGrid event to its kind on the send of its custom_args, keyed by sg_event_id', () => {
    const out = normaliseSendgridEvents(batch);
    expect(out.events.map((e) => [e.sourceId, e.kind])).toEqual([
      ['d1', 'delivered'],
      ['o1', 'opened'],
      ['c1', 'clicked'],
      ['b1', 'bounced'],
      ['b2', 'undelivered'],
      ['dr1', 'dropped'],
      ['s1', 'spam_reported'],
      ['u1', 'unsubscribed'],
      ['u2', 'unsubscribed'],
    ]);
    expect(out.skipped).toBe(3); // processed, deferred, group_resubscribe
    expect(out.invalid).toEqual([]);
    for (const e of out.events) {
      expect(e.sendId).toBe(42);
      expect(e.source).toBe('sendgrid');
      expect(e.occurredAt.toISOString()).toBe(new Date(1_717_000_000_000).toISOString());
    }
    expect(out.events.find((e) => e.sourceId === 'c1')?.detail).toEqual({
      url: 'https://shop.example/offre',
    });
    expect(out.events.find((e) => e.sourceId === 'b2')?.detail).toMatchObject({ type: 'blocked' });
    expect(out.events.find((e) => e.sourceId === 'b1')?.detail).toMatchObject({
      type: 'bounce',
      classification: 'Invalid Address',
    });
  });

  it('skips events of mail it did not send (no send_id) and keeps malformed ones out without losing the rest', () => {
    const { send_id: _none, ...foreign } = base;
    const out = normaliseSendgridEvents([
      { ...foreign, event: 'delivered', sg_event_id: 'x1' },
      { ...base, event: 'delivered', sg_event_id: 'x2', send_id: 'abc' },
      { event: 'delivered' },
      'nonsense',
      { ...base, event: 'delivered', sg_event_id: 'x3', send_id: 7 },
    ]);
    expect(out.events.map((e) => [e.sourceId, e.sendId])).toEqual([['x3', 7]]);
    expect(out.skipped).toBe(2);
    expect(out.invalid.map((i) => i.index)).toEqual([2, 3]);
  });

  it('refuses a payload that is not an array', () => {
    expect(() => normaliseSendgridEvents({ event: 'delivered' })).toThrow(/JSON array/);
  });
});

describe('createSendgridVerifier', () => {
  const signer = new SendgridWebhookSigner();
  const verify = createSendgridVerifier(signer.publicKey);
  const body = JSON.stringify(batch);
  const lower = (h: Record<string, string>) =>
    Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

  it('accepts the raw body as signed, and nothing else', () => {
    const headers = lower(signer.headers(body));
    expect(verify(Buffer.from(body), headers)).toEqual({ ok: true });
    // the same content, re-serialised
    expect(verify(Buffer.from(JSON.stringify(batch, null, 2)), headers)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verify(Buffer.from(body.replace('"42"', '"43"')), headers)).toEqual({
      ok: false,
      reason: 'forged',
    });
    // another key's signature
    const other = lower(new SendgridWebhookSigner().headers(body));
    expect(verify(Buffer.from(body), other)).toEqual({ ok: false, reason: 'forged' });
    expect(
      verify(Buffer.from(body), { ...headers, 'x-twilio-email-event-webhook-signature': 'bm9wZQ==' }),
    ).toEqual({ ok: false, reason: 'forged' });
  });

  it('says unsigned without the headers, expired when the timestamp is over ten minutes off', () => {
    expect(verify(Buffer.from(body), {})).toEqual({ ok: false, reason: 'unsigned' });
    const old = lower(signer.headers(body, new Date(Date.now() - 11 * 60_000)));
    expect(verify(Buffer.from(body), old)).toEqual({ ok: false, reason: 'expired' });
    const recent = lower(signer.headers(body, new Date(Date.now() - 9 * 60_000)));
    expect(verify(Buffer.from(body), recent)).toEqual({ ok: true });
  });

  it('agrees with @sendgrid/eventwebhook’s own verifySignature on signed, tampered, forged and garbled posts', () => {
    const library = createLibraryVerifier(signer.publicKey);
    const headers = lower(signer.headers(body));
    const cases: [string, Record<string, string>][] = [
      [body, headers],
      [JSON.stringify(batch, null, 2), headers],
      [body.replace('"42"', '"43"'), headers],
      [`${body} `, headers],
      ['', lower(signer.headers(''))],
      [body, lower(new SendgridWebhookSigner().headers(body))],
      [body, { ...headers, 'x-twilio-email-event-webhook-signature': 'bm9wZQ==' }],
      [body, { ...headers, 'x-twilio-email-event-webhook-signature': '!!not base64!!' }],
      [
        body,
        {
          ...headers,
          'x-twilio-email-event-webhook-timestamp': String(
            Number(headers['x-twilio-email-event-webhook-timestamp']) + 1,
          ),
        },
      ],
    ];
    const verdicts = cases.map(([b, h]) => [verify(Buffer.from(b), h), library(Buffer.from(b), h)]);
    for (const [ours, theirs] of verdicts) expect(ours).toEqual(theirs);
    expect(verdicts.filter(([ours]) => ours!.ok)).toHaveLength(2);
  });

  it('checks a configured key', () => {
    expect(sendgridPublicKeyProblem(signer.publicKey)).toBeNull();
    expect(sendgridPublicKeyProblem('not a key')).toMatch(/base64 verification key/);
  });
});
