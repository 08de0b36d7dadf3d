/**
 * A recorded voice message as uploaded: MP3 or WAV, recognised from its bytes (never from its name or the
 * browser's MIME type), with its duration read by music-metadata. Both formats are played by Twilio's `<Play>`
 * and by browsers' <audio>. WAV must be PCM: other WAV codecs (ADPCM, GSM...) play nowhere reliably.
 */
import { AppError } from '@relance/domain/errors';
import { parseBuffer } from 'music-metadata';

/** 5 MB: a minute of MP3 at 128 kbit/s is about 1 MB, of mono 16 kHz 16-bit WAV about 2 MB. */
export const MAX_AUDIO_BYTES = 5 * 1024 * 1024;

export const AUDIO_FORMATS = { mp3: 'audio/mpeg', wav: 'audio/wav' } as const;
export type AudioFormat = keyof typeof AUDIO_FORMATS;

export interface AudioFile {
  format: AudioFormat;
  contentType: (typeof AUDIO_FORMATS)[AudioFormat];
  /** seconds, one decimal, rounded up (a message is never shorter than announced) */
  durationSeconds: number;
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** An MPEG audio Layer III frame header at `at` (sync, version, layer, bitrate and sample rate all valid). */
function isMp3Frame(b: Uint8Array, at: number): boolean {
  if (at + 4 > b.length) return false;
  const [b0, b1, b2] = [b[at]!, b[at + 1]!, b[at + 2]!];
  const version = (b1 >> 3) & 3; // 1 is reserved
  const layer = (b1 >> 1) & 3; // 1 is Layer III
  const bitrate = b2 >> 4; // 0 (free) and 15 (bad) refused
  const sampleRate = (b2 >> 2) & 3; // 3 is reserved
  return (
    b0 === 0xff &&
    (b1 & 0xe0) === 0xe0 &&
    version !== 1 &&
    layer === 1 &&
    bitrate !== 0 &&
    bitrate !== 15 &&
    sampleRate !== 3
  );
}

/** Where the audio starts after an ID3v2 tag (its size is 4 syncsafe bytes, plus a footer when flagged). */
function afterId3(b: Uint8Array): number {
  if (b.length < 10 || ascii(b, 0, 3) !== 'ID3') return 0;
  const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
  return 10 + size + (b[5]! & 0x10 ? 10 : 0);
}

/** MP3 or WAV from the first bytes, or null. */
export function sniffAudioFormat(bytes: Uint8Array): AudioFormat | null {
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'wav';
  let at = afterId3(bytes);
  // some encoders pad the tag with a few zero bytes
  while (at < bytes.length && at < afterId3(bytes) + 1024 && bytes[at] === 0) at++;
  return isMp3Frame(bytes, at) ? 'mp3' : null;
}

/** What a refused file looks like, for a message that helps: common formats people export by mistake. */
function describeOtherFormat(b: Uint8Array): string | null {
  if (b.length < 12) return null;
  if (ascii(b, 0, 4) === 'OggS') return 'an Ogg (Vorbis or Opus) file';
  if (ascii(b, 0, 4) === 'fLaC') return 'a FLAC file';
  if (ascii(b, 4, 8) === 'ftyp') return 'an M4A/MP4 file';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'a WebM file';
  if (ascii(b, 0, 4) === 'FORM' && ascii(b, 8, 12).startsWith('AIF')) return 'an AIFF file';
  if (ascii(b, 0, 4) === 'RIFF') return `a RIFF ${ascii(b, 8, 12).trim()} file`;
  if (ascii(b, 0, 5) === '%PDF-') return 'a PDF document';
  return null;
}

const invalid = (message: string, field = 'file') => AppError.validation(message, [{ field, message }]);

/**
 * Checks that `bytes` are an MP3 or PCM WAV recording of at most `maxSeconds`, and reads its duration.
 * Throws an AppError validation on `file` that says what to fix.
 */
export async function inspectAudio(bytes: Uint8Array, options: { maxSeconds: number }): Promise<AudioFile> {
  if (bytes.length === 0) throw invalid('The file is empty: choose the recording again.');
  if (bytes.length > MAX_AUDIO_BYTES) throw tooLarge(bytes.length);
  const format = sniffAudioFormat(bytes);
  if (!format) {
    const other = describeOtherFormat(bytes);
    throw invalid(
      `This file is ${other ?? 'not an MP3 or WAV recording'}, whatever its name says: export the message as MP3 or WAV and upload it again.`,
    );
  }
  const contentType = AUDIO_FORMATS[format];
  let duration: number | undefined;
  let codec: string | undefined;
  try {
    const { format: read } = await parseBuffer(
      bytes,
      { mimeType: contentType, size: bytes.length },
      { duration: true, skipCovers: true },
    );
    duration = read.duration;
    codec = read.codec;
  } catch {
    duration = undefined;
  }
  if (duration === undefined || !Number.isFinite(duration) || duration <= 0) {
    throw invalid(
      `No sound could be read from this ${format.toUpperCase()} file: it may be cut or damaged. Export it again and upload it.`,
    );
  }
  if (format === 'wav' && codec !== 'PCM') {
    throw invalid(
      `This WAV file is encoded as ${codec ?? 'an unknown codec'}: save it as PCM WAV (16-bit) or as MP3.`,
    );
  }
  const durationSeconds = Math.ceil(duration * 10) / 10;
  if (durationSeconds > options.maxSeconds) {
    throw invalid(
      `The recording lasts ${durationSeconds} s, over the ${options.maxSeconds} s maximum of this voice message: shorten it by at least ${Math.ceil((durationSeconds - options.maxSeconds) * 10) / 10} s, or raise the maximum.`,
    );
  }
  return { format, contentType, durationSeconds };
}

/** The answer to a file over the limit (`bytes` when known: an upload is cut at the limit). */
export function tooLarge(bytes?: number): AppError {
  const limit = `${MAX_AUDIO_BYTES / 1024 / 1024} MB`;
  const size = bytes === undefined ? 'over' : `${(bytes / 1024 / 1024).toFixed(1)} MB, over`;
  return new AppError(
    'payload_too_large',
    `The file is ${size} the ${limit} allowed: export it as MP3 (about 1 MB a minute) or as mono WAV at 8 or 16 kHz.`,
    [{ field: 'file', message: `Over ${limit}` }],
  );
}
