import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { makeWav, toneMp3 } from '../../../../../tests/support/audio-fixtures';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface Uploaded {
  id: string;
  kind: string;
  filename: string;
  contentType: string;
  byteSize: number;
  durationSeconds: number;
  maxSeconds: number;
  path: string;
  url: string;
}
interface Problem {
  code: string;
  detail?: string;
  errors: { field: string; message: string }[];
}

const voicePlan = (content: unknown) => ({
  name: 'Annonce vocale',
  kind: 'win_back',
  objective: 'sale',
  averageOrderValueCents: 10_000,
  marginRate: 0.3,
  steps: [{ channel: 'voice', offsetDays: 0, content }],
});

describe('voice recordings (media)', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;
  const mediaCount = async () =>
    (await app.database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM media`)[0]!.n;

  const upload = (file: Buffer, name: string, type: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file)], { type }), name);
    return client.request<Uploaded & Problem>('POST', '/api/media/audio', { session: marketer, form });
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_URL: 'https://relance.example.com' }, worker: false });
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
  });
  afterAll(() => app.close());

  it('stores a WAV and serves it publicly with its type, length and caching headers', async () => {
    const wav = makeWav(2.5);
    const res = await upload(wav, 'annonce.wav', 'audio/wav');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'audio',
      filename: 'annonce.wav',
      contentType: 'audio/wav',
      byteSize: wav.length,
      durationSeconds: 2.5,
      maxSeconds: 60,
      path: `/media/${res.body.id}`,
      url: `https://relance.example.com/media/${res.body.id}`,
    });
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // no session: the provider fetches it
    const served = await fetch(`${app.url}${res.body.path}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('audio/wav');
    expect(served.headers.get('content-length')).toBe(String(wav.length));
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('accept-ranges')).toBe('bytes');
    const etag = served.headers.get('etag')!;
    expect(Buffer.from(await served.arrayBuffer()).equals(wav)).toBe(true);

    // a cached copy is still good; a range is one slice of the bytes
    const again = await fetch(`${app.url}${res.body.path}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const range = await fetch(`${app.url}${res.body.path}`, { headers: { range: 'bytes=4-11' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 4-11/${wav.length}`);
    expect(Buffer.from(await range.arrayBuffer()).toString('ascii')).toBe(
      `${wav.subarray(4, 8).toString('ascii')}WAVE`,
    );
    const past = await fetch(`${app.url}${res.body.path}`, { headers: { range: `bytes=${wav.length}-` } });
    expect(past.status).toBe(416);
  });

  it('stores an MP3 (recognised behind its ID3 tag) and serves it as audio/mpeg', async () => {
    const mp3 = toneMp3();
    // the browser's type and the name say nothing: the bytes do
    const res = await upload(mp3, 'message', 'application/octet-stream');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'audio/mpeg', durationSeconds: 1.3, byteSize: mp3.length });
    const served = await fetch(`${app.url}/media/${res.body.id}`);
    expect(served.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await served.arrayBuffer()).equals(mp3)).toBe(true);
  });

  it('refuses a text file named .mp3, a recording over the maximum and a file over 5 MB, storing nothing', async () => {
    const before = await mediaCount();
    const text = await upload(
      Buffer.from('Ceci est une liste de courses.\n'.repeat(30)),
      'annonce.mp3',
      'audio/mpeg',
    );
    expect(text.status).toBe(422);
    expect(text.body.errors).toEqual([
      {
        field: 'file',
        message:
          'This file is not an MP3 or WAV recording, whatever its name says: export the message as MP3 or WAV and upload it again.',
      },
    ]);

    const long = await upload(makeWav(61), 'long.wav', 'audio/wav');
    expect(long.status).toBe(422);
    expect(long.body.errors[0]!.message).toBe(
      'The recording lasts 61 s, over the 60 s maximum of this voice message: shorten it by at least 1 s, or raise the maximum.',
    );
    // the step's own maximum, sent before the file
    const longer = await upload(makeWav(61), 'long.wav', 'audio/wav', { maxSeconds: '90' });
    expect(longer.status).toBe(201);
    expect(longer.body).toMatchObject({ durationSeconds: 61, maxSeconds: 90 });
    const badMax = await upload(makeWav(1), 'a.wav', 'audio/wav', { maxSeconds: '900' });
    expect(badMax.status).toBe(422);
    expect(badMax.body.errors[0]!.field).toBe('maxSeconds');

    const big = await upload(makeWav(330, { sampleRate: 16000 }), 'big.wav', 'audio/wav');
    expect(big.status).toBe(413);
    expect(big.body.detail).toMatch(/^The file is over the 5 MB allowed: export it as MP3/);

    const none = await client.request<Problem>('POST', '/api/media/audio', {
      session: marketer,
      form: new FormData(),
    });
    expect(none.status).toBe(422);
    expect(none.body.errors[0]!.message).toBe('Attach the recording (MP3 or WAV) in the field "file".');
    expect(await mediaCount()).toBe(before + 1);
  });

  it('answers 404 for an unknown or malformed id, and refuses uploads to those who cannot write campaigns', async () => {
    const unknown = await fetch(`${app.url}/media/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${app.url}/media/not-an-id`)).status).toBe(404);

    const manager = await client.login('manager@relance.example');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(makeWav(1))], { type: 'audio/wav' }), 'a.wav');
    const refused = await client.request('POST', '/api/media/audio', { session: manager, form });
    expect(refused.status).toBe(403);
    const anonymous = await fetch(`${app.url}/api/media/audio`, { method: 'POST', body: form });
    expect(anonymous.status).toBe(401);
  });

  it('saves a voice step playing a recording, previews it as its URL and duration, and refuses a missing one', async () => {
    const { body: audio } = await upload(makeWav(4.2), 'annonce.wav', 'audio/wav');
    const content = { kind: 'audio', mediaId: audio.id, durationSeconds: 4.2, filename: 'annonce.wav' };
    const saved = await client.request<{ id: string; plan: { steps: { content: unknown }[] } }>(
      'POST',
      '/api/campaigns',
      { session: marketer, body: voicePlan(content) },
    );
    expect(saved.status).toBe(201);
    const loaded = await client.request<{ plan: { steps: { content: unknown }[] } }>(
      'GET',
      `/api/campaigns/${saved.body.id}`,
      { session: marketer },
    );
    expect(loaded.body.plan.steps[0]!.content).toEqual(content);

    const preview = await client.request('POST', '/api/campaigns/preview', {
      session: marketer,
      body: { channel: 'voice', content },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      channel: 'voice',
      kind: 'audio',
      mediaId: audio.id,
      audioPath: `/media/${audio.id}`,
      audioUrl: `https://relance.example.com/media/${audio.id}`,
      durationSeconds: 4.2,
    });

    // a stored plan's script without a kind is still a script
    const legacy = await client.request('POST', '/api/campaigns/preview', {
      session: marketer,
      body: { channel: 'voice', content: { script: 'Bonjour {{firstName}}.' } },
    });
    expect(legacy.body).toMatchObject({ channel: 'voice', kind: 'script', text: 'Bonjour Claire.' });

    const missing = { ...content, mediaId: '00000000-0000-4000-8000-000000000000' };
    const refused = await client.request<Problem>('POST', '/api/campaigns', {
      session: marketer,
      body: voicePlan(missing),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'steps.0.content.mediaId',
        message: 'This recording was not found: upload the audio file again.',
      },
    ]);
    const wrongLength = await client.request<Problem>('POST', '/api/campaigns', {
      session: marketer,
      body: voicePlan({ ...content, durationSeconds: 2 }),
    });
    expect(wrongLength.body.errors).toEqual([
      {
        field: 'steps.0.content.durationSeconds',
        message: 'The recording lasts 4.2 s, not 2 s: send the duration the upload answered.',
      },
    ]);
    const previewMissing = await client.request<Problem>('POST', '/api/campaigns/preview', {
      session: marketer,
      body: { channel: 'voice', content: missing },
    });
    expect(previewMissing.status).toBe(422);
    expect(previewMissing.body.errors[0]!.field).toBe('content.mediaId');
  });
});
