import type { Readable } from 'node:stream';
import { getMediaFile, insertMedia } from '@relance/db/queries/media';
import { AppError } from '@relance/domain/errors';
import { inspectAudio, MAX_AUDIO_BYTES, tooLarge } from '@relance/templates/audio-file';
import {
  DEFAULT_MAX_VOICE_SECONDS,
  MAX_VOICE_SECONDS,
  voiceAudioPath,
  voiceAudioUrl,
} from '@relance/templates/voice';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { receiveUpload } from '../../http/multipart';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { sendStoredFile } from './send-file';

const audioAnswer = z
  .object({
    id: z.string(),
    kind: z.literal('audio'),
    filename: z.string(),
    contentType: z.string(),
    byteSize: z.number(),
    durationSeconds: z.number(),
    maxSeconds: z.number(),
    /** where the provider and the browser fetch it, without a session */
    path: z.string(),
    url: z.string(),
  })
  .meta({ id: 'VoiceAudio' });

/** `maxSeconds` as sent in the form (before the file), or the default voice maximum. */
function parseMaxSeconds(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_VOICE_SECONDS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 5 || value > MAX_VOICE_SECONDS) {
    const message = `Send the voice step's maximum in whole seconds, from 5 to ${MAX_VOICE_SECONDS}.`;
    throw AppError.validation(message, [{ field: 'maxSeconds', message }]);
  }
  return value;
}

/** The whole upload in memory: it is at most MAX_AUDIO_BYTES (busboy cuts it there). */
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Recorded voice messages: uploaded by marketers, checked (MP3 or PCM WAV from the bytes, duration against the
 * step's maximum) and stored in PostgreSQL; served at /media/:id to the telephony provider and the browser.
 */
export function mediaRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;
  const publicUrl = deps.env.PUBLIC_URL ?? `http://localhost:${deps.env.PORT}`;

  api.add(
    {
      method: 'post',
      path: '/api/media/audio',
      summary:
        'Upload the recording of a voice message (MP3 or WAV, at most 5 MB and the step maximum); 201 with its id, duration and public URL',
      tag: 'media',
      access: 'campaigns:write',
      multipart: {
        maxSeconds: `Optional: the voice step's maximum in seconds (5 to ${MAX_VOICE_SECONDS}, default ${DEFAULT_MAX_VOICE_SECONDS}); must come before file`,
        file: 'The recording: MP3, or PCM WAV (recognised from its bytes, whatever its name)',
      },
      response: audioAnswer,
      status: 201,
    },
    async ({ req, principal }) => {
      const stored = await receiveUpload(req, {
        maxBytes: MAX_AUDIO_BYTES,
        missingFile: 'Attach the recording (MP3 or WAV) in the field "file".',
        tooLarge: () => tooLarge(),
        handleFile: async (stream, info, fields) => {
          const maxSeconds = parseMaxSeconds(fields.maxSeconds);
          const bytes = await readAll(stream);
          const audio = await inspectAudio(bytes, { maxSeconds });
          const row = await insertMedia(db, {
            kind: 'audio',
            filename: info.filename,
            contentType: audio.contentType,
            durationSeconds: audio.durationSeconds,
            bytes,
            createdBy: actorId(principal),
          });
          return { ...row, maxSeconds };
        },
      });
      return {
        id: stored.id,
        kind: 'audio' as const,
        filename: stored.filename,
        contentType: stored.contentType,
        byteSize: stored.byteSize,
        durationSeconds: stored.durationSeconds,
        maxSeconds: stored.maxSeconds,
        path: voiceAudioPath(stored.id),
        url: voiceAudioUrl(publicUrl, stored.id),
      };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/media/:id',
      summary:
        'An uploaded recording, without a session (the provider plays it; the id is a random uuid): cached for a year, byte ranges',
      tag: 'media',
      access: 'public',
      params: z.object({ id: z.string() }),
      response: { contentType: 'audio/mpeg or audio/wav', description: 'the file as uploaded' },
    },
    async ({ params, req, res }) => {
      const file = await getMediaFile(db, params.id);
      if (!file) throw AppError.notFound('This recording');
      sendStoredFile(req, res, file);
    },
  );
}
