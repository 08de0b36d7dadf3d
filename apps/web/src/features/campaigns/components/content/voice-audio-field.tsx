import { Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { voiceAudioPath } from '@relance/templates/voice';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../lib/api-error';
import { useFormat } from '../../../../lib/format';
import { MAX_VOICE_AUDIO_BYTES, uploadVoiceAudio } from '../../api/voice-audio';
import type { VoiceContentValues } from './content-values';
import type { ContentEditorProps } from './editor-props';
import { fieldMessages } from './field-messages';

// what the browser says of the file only narrows the file picker: the API reads the real format from the bytes
const ACCEPT = {
  'audio/mpeg': ['.mp3'],
  'audio/mp3': ['.mp3'],
  'audio/wav': ['.wav'],
  'audio/x-wav': ['.wav'],
  'audio/wave': ['.wav'],
  'audio/vnd.wave': ['.wav'],
};

/** An upload's refusal: the API's field message for the file when there is one, else its message. */
function uploadMessage(error: unknown): string {
  if (error instanceof ApiError)
    return error.fieldErrors.find((e) => e.field === 'file')?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The recording of a voice message: a dropzone until a file is uploaded (checked by the API: MP3 or WAV from
 * its bytes, at most the step's maximum), then the player, its length against the maximum, replace and remove.
 */
export function VoiceAudioField(props: ContentEditorProps & { max: number }) {
  const { form, path, messages, readOnly, max } = props;
  const { t } = useTranslation();
  const f = useFormat();
  const content = props.content as VoiceContentValues;
  const [refusal, setRefusal] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadVoiceAudio(file, max >= 5 ? max : 60),
    onMutate: () => setRefusal(null),
    onSuccess: (audio) => {
      form.setFieldValue(`${path}.mediaId`, audio.id);
      form.setFieldValue(`${path}.durationSeconds`, audio.durationSeconds);
      form.setFieldValue(`${path}.filename`, audio.filename);
    },
    onError: (error) => setRefusal(uploadMessage(error)),
  });
  const send = (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_VOICE_AUDIO_BYTES) setRefusal(t('voiceAudio.rejected'));
    else upload.mutate(file);
  };
  const remove = () => {
    form.setFieldValue(`${path}.mediaId`, '');
    form.setFieldValue(`${path}.durationSeconds`, 0);
    form.setFieldValue(`${path}.filename`, '');
    setRefusal(null);
  };
  const has = content.mediaId !== '';
  const over = has && max > 0 && content.durationSeconds > max;
  const savedErrors = [
    ...(messages.mediaId ?? []),
    ...(messages.durationSeconds ?? []),
    ...(messages.filename ?? []),
  ];
  const length = t('voiceAudio.length', { seconds: f.number(content.durationSeconds), max });

  return (
    <Stack gap="xs" data-testid="voice-audio">
      <Text size="sm" c="dimmed">
        {t('voiceAudio.audioHint')}
      </Text>
      {!has && (
        <Dropzone
          onDrop={(files) => send(files[0] ?? null)}
          onReject={() => setRefusal(t('voiceAudio.rejected'))}
          accept={ACCEPT}
          maxSize={MAX_VOICE_AUDIO_BYTES}
          multiple={false}
          loading={upload.isPending}
          disabled={readOnly}
          name="file"
          data-testid="voice-audio-dropzone"
        >
          <Group justify="center" mih={96} style={{ pointerEvents: 'none' }}>
            <Stack align="center" gap={4}>
              <Text fw={500}>{t('voiceAudio.drop')}</Text>
              <Text size="xs" c="dimmed" ta="center">
                {t('voiceAudio.dropHint', { max })}
              </Text>
            </Stack>
          </Group>
        </Dropzone>
      )}
      {has && (
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              <Text span c="dimmed" size="sm">
                {t('voiceAudio.file')}:{' '}
              </Text>
              <Text span fw={500} data-testid="voice-audio-filename">
                {content.filename || content.mediaId}
              </Text>
            </Text>
            {!readOnly && (
              <Group gap={4} wrap="nowrap">
                <FileButton onChange={send} accept={Object.keys(ACCEPT).join(',')}>
                  {(button) => (
                    <Button
                      {...button}
                      size="compact-xs"
                      variant="subtle"
                      loading={upload.isPending}
                      data-testid="voice-audio-replace"
                    >
                      {t('voiceAudio.replace')}
                    </Button>
                  )}
                </FileButton>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={remove}
                  data-testid="voice-audio-remove"
                >
                  {t('voiceAudio.remove')}
                </Button>
              </Group>
            )}
          </Group>
          {/* biome-ignore lint/a11y/useMediaCaption: a voicemail recording; its words are the marketer's own */}
          <audio
            controls
            preload="metadata"
            src={voiceAudioPath(content.mediaId)}
            aria-label={t('voiceAudio.player')}
            style={{ width: '100%' }}
            data-testid="voice-audio-player"
          />
          <Text
            size="sm"
            c={over ? 'red' : undefined}
            fw={over ? 600 : undefined}
            data-testid="voice-audio-length"
          >
            {length}
          </Text>
          <Progress
            size="sm"
            color={over ? 'red' : 'teal'}
            value={max > 0 ? Math.min(100, (content.durationSeconds / max) * 100) : 0}
            aria-label={length}
          />
        </Stack>
      )}
      {upload.isPending && (
        <Text size="xs" c="dimmed">
          {t('voiceAudio.uploading')}
        </Text>
      )}
      {refusal && (
        <Text size="sm" c="red" data-testid="voice-audio-error">
          {refusal}
        </Text>
      )}
      {savedErrors.length > 0 && (
        <Text size="sm" c="red" component="div" data-testid="voice-audio-field-errors">
          {fieldMessages(savedErrors)}
        </Text>
      )}
    </Stack>
  );
}
