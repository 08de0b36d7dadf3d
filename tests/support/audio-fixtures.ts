import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A real PCM WAV of a 440 Hz tone: RIFF header, `fmt ` chunk (PCM, mono), `data` chunk. 8-bit 8 kHz keeps a
 * minute under 500 KB. `formatTag` other than 1 (PCM) makes a WAV that players other than ours may refuse.
 */
export function makeWav(
  seconds: number,
  options: { sampleRate?: number; bitsPerSample?: 8 | 16; formatTag?: number } = {},
): Buffer {
  const sampleRate = options.sampleRate ?? 8000;
  const bits = options.bitsPerSample ?? 8;
  const bytesPerSample = bits / 8;
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * bytesPerSample);
  for (let i = 0; i < samples; i++) {
    const v = Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 0.3;
    if (bits === 8) data[i] = Math.round(128 + v * 127);
    else data.writeInt16LE(Math.round(v * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(options.formatTag ?? 1, 20);
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * bytesPerSample, 28);
  header.writeUInt16LE(bytesPerSample, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A 1.3 s MP3 (MPEG-2 Layer III, 16 kHz mono, 24 kbit/s, ID3v2 tag) made with LAME: tests/fixtures/voice-tone.mp3. */
export function toneMp3(): Buffer {
  return readFileSync(path.resolve(import.meta.dirname, '../fixtures/voice-tone.mp3'));
}
