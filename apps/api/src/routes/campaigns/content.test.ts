import { starterTemplate } from '@relance/templates/starter-templates/list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

const winBack = starterTemplate('win-back')!;
const plan = (steps: unknown[]) => ({
  name: 'Reconquête',
  kind: 'win_back',
  objective: 'sale',
  averageOrderValueCents: 10_000,
  marginRate: 0.3,
  steps,
});

describe('campaign step content', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;
  let contactId: number;

  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
    const [row] = await app.database.sql<{ id: number }[]>`
      INSERT INTO contacts (civility, first_name, last_name, email, mobile, address_line1, postal_code, city)
      VALUES ('Mme', '<b>Hélène</b>', 'Lefèvre', 'helene@exemple.fr', '+33612345678', '3 rue Mercière', '69002', 'Lyon')
      RETURNING id`;
    contactId = Number(row!.id);
    await app.database
      .sql`INSERT INTO orders (contact_id, ordered_at, amount_cents) VALUES (${contactId}, '2026-03-12T10:00:00Z', 5000)`;
  });
  afterAll(() => app.close());

  it('saves a campaign whose contents compile, and refuses the ones that do not, naming the step and field', async () => {
    const email = { subject: winBack.subject, preheader: winBack.preheader, mjml: winBack.mjml };
    const ok = await client.request('POST', '/api/campaigns', {
      session: marketer,
      body: plan([{ channel: 'email', offsetDays: 0, content: email }]),
    });
    expect(ok.status).toBe(201);

    const bad = await client.request<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/campaigns',
      {
        session: marketer,
        body: plan([
          { channel: 'email', offsetDays: 0, content: { ...email, subject: 'Bonjour {{lastname}}' } },
          {
            channel: 'sms',
            offsetDays: 7,
            target: { type: 'non_responders' },
            content: { text: 'Promo -20 % ce week-end', senderName: 'RELANCE' },
          },
        ]),
      },
    );
    expect(bad.status).toBe(422);
    const fields = bad.body.errors.map((e) => e.field);
    expect(fields).toContain('steps.0.content.subject');
    expect(bad.body.errors.find((e) => e.field === 'steps.0.content.subject')?.message).toMatch(
      /did you mean \{\{lastName\}\}/,
    );
    expect(fields.some((f) => f.startsWith('steps.1.content'))).toBe(true);
  });

  it('previews an SMS and an email for a real contact, escaping HTML from the file in the email', async () => {
    const sms = await client.request<{ text: string }>('POST', '/api/campaigns/preview', {
      session: marketer,
      body: {
        channel: 'sms',
        contactId,
        content: {
          text: 'Bonjour {{civility}} {{lastName}}, dernière commande le {{lastOrderDate}}. STOP au 36180',
          senderName: 'RELANCE',
        },
      },
    });
    expect(sms.status).toBe(200);
    expect(sms.body.text).toBe('Bonjour Madame Lefèvre, dernière commande le 12 mars 2026. STOP au 36180');

    const email = await client.request<{ subject: string; html: string }>('POST', '/api/campaigns/preview', {
      session: marketer,
      body: {
        channel: 'email',
        contactId,
        content: { subject: 'Pour {{firstName}}', preheader: '', mjml: winBack.mjml },
      },
    });
    expect(email.status).toBe(200);
    expect(email.body.subject).toBe('Pour <b>Hélène</b>');
    expect(email.body.html).not.toContain('<b>Hélène</b>');
    expect(email.body.html).toContain('/unsubscribe/');
  });

  it('previews an email with a plain-text part written by hand, and refuses one without the unsubscribe link', async () => {
    const content = {
      subject: 'Bonjour',
      mjml: winBack.mjml,
      text: 'Bonjour {{firstName}}, votre code : {{trackingCode}}.\nSe désinscrire : {{unsubscribeUrl}}',
    };
    const ok = await client.request<{ text: string }>('POST', '/api/campaigns/preview', {
      session: marketer,
      body: { channel: 'email', contactId, content },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.text).toMatch(
      /^Bonjour <b>Hélène<\/b>, votre code : RL7K-2Q9M\.\nSe désinscrire : http.*\/unsubscribe\//,
    );
    const bad = await client.request<{ errors: { field: string }[] }>('POST', '/api/campaigns/preview', {
      session: marketer,
      body: { channel: 'email', contactId, content: { ...content, text: 'Bonjour {{firstName}}' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.field)).toEqual(['content.text']);
  });

  it('gives a letter proof as a PDF', async () => {
    const res = await fetch(`${app.url}/api/campaigns/preview`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: marketer.cookie,
        'x-csrf-token': marketer.csrfToken,
      },
      body: JSON.stringify({
        channel: 'postal',
        contactId,
        content: {
          sender: { name: 'Maison Relance' },
          hook: 'Vous nous manquez, {{civility}} {{lastName}}.',
          body: 'Revenez nous voir.',
        },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('refuses a preview for a contact that does not exist', async () => {
    const res = await client.request<{ errors: { field: string }[] }>('POST', '/api/campaigns/preview', {
      session: marketer,
      body: {
        channel: 'sms',
        contactId: 999_999,
        content: { text: 'Bonjour STOP au 36180', senderName: 'RELANCE' },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.field).toBe('contactId');
  });
});
