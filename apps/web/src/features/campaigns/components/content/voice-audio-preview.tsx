import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../lib/format';
import type { RenderedContent } from '../../api/content-preview';

type RenderedAudio = Extract<RenderedContent, { channel: 'voice'; kind: 'audio' }>;

/** A recorded voice message in the preview: the same for every contact, and the address the provider plays. */
export function RenderedRecording({ rendered, stale }: { rendered: RenderedAudio; stale: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap={6} style={{ opacity: stale ? 0.5 : 1 }}>
      <Text size="sm" fw={500}>
        {t('voiceAudio.preview.title')}
      </Text>
      <Badge variant="light" data-testid="preview-voice-seconds">
        {t('voiceAudio.preview.seconds', { seconds: f.number(rendered.durationSeconds) })}
      </Badge>
      {/* biome-ignore lint/a11y/useMediaCaption: a voicemail recording; its words are the marketer's own */}
      <audio
        controls
        preload="none"
        src={rendered.audioPath}
        aria-label={t('voiceAudio.player')}
        style={{ width: '100%' }}
        data-testid="preview-voice-audio"
      />
      <Text size="xs" c="dimmed">
        {t('voiceAudio.preview.url')}{' '}
        <Anchor
          href={rendered.audioUrl}
          target="_blank"
          rel="noreferrer"
          size="xs"
          data-testid="preview-voice-url"
        >
          {rendered.audioUrl}
        </Anchor>
      </Text>
    </Stack>
  );
}
