import { z } from 'zod';
import { api } from '../../../lib/api-client';

export const voiceAudioSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  byteSize: z.number(),
  durationSeconds: z.number(),
  maxSeconds: z.number(),
  /** served without a session, same origin: what the <audio> preview plays */
  path: z.string(),
  /** what the telephony provider fetches */
  url: z.string(),
});
export type VoiceAudio = z.infer<typeof voiceAudioSchema>;

/** The API refuses files over this too (and reads the real format from the bytes). */
export const MAX_VOICE_AUDIO_BYTES = 5 * 1024 * 1024;

/** `POST /api/media/audio`: the recording, checked against the step's maximum (sent before the file). */
export function uploadVoiceAudio(file: File, maxSeconds: number): Promise<VoiceAudio> {
  const form = new FormData();
  form.append('maxSeconds', String(maxSeconds));
  form.append('file', file, file.name);
  return api('/api/media/audio', voiceAudioSchema, { method: 'POST', body: form });
}
