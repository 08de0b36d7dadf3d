import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/**
 * SendGrid's signed Event Webhook: an ECDSA (P-256, SHA-256) signature of `timestamp + body`, base64 DER, in
 * X-Twilio-Email-Event-Webhook-Signature, with the timestamp in X-Twilio-Email-Event-Webhook-Timestamp. The
 * key pair is made when the sandbox starts; its public key is shown like SendGrid's settings page shows it
 * (base64 of the DER SubjectPublicKeyInfo), so the API verifies sandbox events with the production code.
 */
export class SendgridWebhookSigner {
  private readonly privateKey: KeyObject;
  readonly publicKey: string;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }

  headers(body: string, now = new Date()): Record<string, string> {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const signature = sign('sha256', Buffer.from(timestamp + body), this.privateKey).toString('base64');
    return {
      'X-Twilio-Email-Event-Webhook-Signature': signature,
      'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
    };
  }
}

/**
 * Twilio's X-Twilio-Signature: HMAC-SHA1 with the auth token of the full URL followed by each POST parameter's
 * name and value, sorted by name; base64.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
