import { AppError } from '@relance/domain/errors';
import { describe, expect, it } from 'vitest';
import { makeWav, toneMp3 } from '../../../tests/support/audio-fixtures';
import { inspectAudio, MAX_AUDIO_BYTES, sniffAudioFormat } from './audio-file';

async function refusal(bytes: Uint8Array, maxSeconds = 60): Promise<AppError> {
  try {
    await inspectAudio(bytes, { maxSeconds });
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the file to be refused');
}

describe('uploaded voice recordings', () => {
  it('reads a WAV and an MP3 from their bytes, with their duration rounded up to a tenth', async () => {
    expect(await inspectAudio(makeWav(2.5), { maxSeconds: 60 })).toEqual({
      format: 'wav',
      contentType: 'audio/wav',
      durationSeconds: 2.5,
    });
    expect(
      await inspectAudio(makeWav(0.42, { bitsPerSample: 16, sampleRate: 16000 }), { maxSeconds: 60 }),
    ).toMatchObject({ format: 'wav', durationSeconds: 0.5 });
    // LAME's 1.296 s (its ID3v2 tag skipped to find the first frame)
    expect(await inspectAudio(toneMp3(), { maxSeconds: 60 })).toEqual({
      format: 'mp3',
      contentType: 'audio/mpeg',
      durationSeconds: 1.3,
    });
  });

  it('recognises formats from the bytes, not from a name', () => {
    expect(sniffAudioFormat(makeWav(0.1))).toBe('wav');
    expect(sniffAudioFormat(toneMp3())).toBe('mp3');
    // without its ID3v2 tag (10 bytes + a syncsafe size), the file starts on a frame
    const mp3 = toneMp3();
    const tagEnd = 10 + ((mp3[6]! << 21) | (mp3[7]! << 14) | (mp3[8]! << 7) | mp3[9]!);
    expect(sniffAudioFormat(mp3.subarray(tagEnd))).toBe('mp3');
    expect(sniffAudioFormat(mp3.subarray(tagEnd + 1))).toBeNull();
    expect(sniffAudioFormat(Buffer.from('ID3 but then plain text follows here'))).toBeNull();
    expect(sniffAudioFormat(Buffer.from('Nom;Prénom\nDurand;Hélène\n'))).toBeNull();
    // a sync word with a reserved layer is not MP3
    expect(sniffAudioFormat(Buffer.from([0xff, 0xff, 0x90, 0x00, 0, 0, 0, 0]))).toBeNull();
  });

  it('refuses a text file, an Ogg file and a WAV that is not PCM, saying what to do', async () => {
    const text = await refusal(Buffer.from('Ceci est un texte, pas un MP3.\n'.repeat(20)));
    expect(text.code).toBe('validation');
    expect(text.fieldErrors).toEqual([
      {
        field: 'file',
        message:
          'This file is not an MP3 or WAV recording, whatever its name says: export the message as MP3 or WAV and upload it again.',
      },
    ]);
    const ogg = await refusal(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60)]));
    expect(ogg.message).toMatch(/^This file is an Ogg \(Vorbis or Opus\) file, whatever its name says/);
    const adpcm = await refusal(makeWav(1, { formatTag: 2 }));
    expect(adpcm.message).toMatch(
      /^This WAV file is encoded as .+: save it as PCM WAV \(16-bit\) or as MP3\.$/,
    );
    const empty = await refusal(Buffer.alloc(0));
    expect(empty.message).toBe('The file is empty: choose the recording again.');
    // a WAV header with no sound after it
    const cut = await refusal(makeWav(1).subarray(0, 44));
    expect(cut.message).toMatch(/^No sound could be read from this WAV file/);
  });

  it('refuses a recording longer than the maximum, by how much, and a file over 5 MB', async () => {
    const long = await refusal(makeWav(61), 60);
    expect(long.fieldErrors[0]).toEqual({
      field: 'file',
      message:
        'The recording lasts 61 s, over the 60 s maximum of this voice message: shorten it by at least 1 s, or raise the maximum.',
    });
    expect((await inspectAudio(makeWav(61), { maxSeconds: 90 })).durationSeconds).toBe(61);
    const big = await refusal(Buffer.alloc(MAX_AUDIO_BYTES + 1));
    expect(big.code).toBe('payload_too_large');
    expect(big.message).toMatch(/^The file is 5\.0 MB, over the 5 MB allowed: export it as MP3/);
  });
});
