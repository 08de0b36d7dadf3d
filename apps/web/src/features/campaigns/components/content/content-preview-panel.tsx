import { Alert, Badge, Card, Code, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { countSmsSegments } from '@relance/domain/planning/sms-segments';
import type { Channel } from '@relance/domain/vocabulary';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderedContent } from '../../api/content-preview';
import { ContactPicker } from './contact-picker';
import type { FieldMessage } from './content-values';
import { SmsCounter } from './sms-counter';
import { RenderedRecording } from './voice-audio-preview';

interface Props {
  channel: Channel;
  /** the last rendering, when it is of this channel */
  rendered: RenderedContent | undefined;
  pending: boolean;
  /** nothing written yet: nothing to preview */
  unwritten: boolean;
  /** errors no field shows (e.g. the contact), and whether the content has field errors */
  unplaced: FieldMessage[];
  hasErrors: boolean;
  /** the letter's proof button (letters are previewed as PDF, on demand) */
  letterProof: ReactNode;
}

/** The step's message as one contact of the file will get it, beside the editor. */
export function ContentPreviewPanel({
  channel,
  rendered,
  pending,
  unwritten,
  unplaced,
  hasErrors,
  letterProof,
}: Props) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="content-preview">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={6}>{t('campaignContent.preview.title')}</Title>
          {pending && <Loader size="xs" data-testid="preview-pending" />}
        </Group>
        <ContactPicker />
        {unplaced.length > 0 && (
          <Alert color="red" variant="light" p="xs" data-testid="preview-problems">
            <List size="xs">
              {unplaced.map((e) => (
                <List.Item key={`${e.field}:${e.message}`}>{e.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {hasErrors && unplaced.length === 0 && (
          <Text size="xs" c="red" data-testid="preview-has-errors">
            {t('campaignContent.preview.fixFields')}
          </Text>
        )}
        {channel === 'postal' ? (
          <Stack gap={4} align="flex-start">
            <Text size="xs" c="dimmed">
              {t('campaignContent.preview.letterHint')}
            </Text>
            {letterProof}
          </Stack>
        ) : unwritten ? (
          <Text size="sm" c="dimmed">
            {t('campaignContent.preview.writeFirst')}
          </Text>
        ) : rendered ? (
          <Rendered rendered={rendered} stale={hasErrors} />
        ) : null}
      </Stack>
    </Card>
  );
}

function Rendered({ rendered, stale }: { rendered: RenderedContent; stale: boolean }) {
  const { t } = useTranslation();
  const opacity = stale ? 0.5 : 1;
  switch (rendered.channel) {
    case 'email':
      return (
        <Stack gap={6} style={{ opacity }}>
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              {t('campaignContent.preview.subject')}{' '}
            </Text>
            <Text span fw={600} data-testid="preview-subject">
              {rendered.subject}
            </Text>
          </Text>
          {/* sandbox without allow-scripts or allow-same-origin: the email's HTML cannot run or reach the app */}
          <iframe
            title={t('campaignContent.preview.emailFrame')}
            sandbox=""
            srcDoc={rendered.html}
            style={{
              width: '100%',
              height: 520,
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 4,
              background: 'white',
            }}
            data-testid="preview-email-frame"
          />
          <Text size="xs" c="dimmed">
            {t('campaignContent.preview.textPart')}
          </Text>
          <Code
            block
            mah={220}
            style={{ overflow: 'auto', whiteSpace: 'pre-wrap' }}
            data-testid="preview-text"
          >
            {rendered.text}
          </Code>
        </Stack>
      );
    case 'sms':
      return (
        <Stack gap={6} style={{ opacity }}>
          <Paper
            bg="gray.1"
            radius="lg"
            p="sm"
            maw={320}
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            data-testid="preview-sms"
          >
            <Text size="sm">{rendered.text}</Text>
          </Paper>
          <SmsCounter count={countSmsSegments(rendered.text)} testId="preview-sms-counter" />
        </Stack>
      );
    case 'voice':
      if (rendered.kind === 'audio') return <RenderedRecording rendered={rendered} stale={stale} />;
      return (
        <Stack gap={6} style={{ opacity }}>
          <Badge variant="light" data-testid="preview-voice-seconds">
            {t('campaignContent.preview.seconds', { seconds: Math.ceil(rendered.estimatedSeconds) })}
          </Badge>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-voice">
            {rendered.text}
          </Text>
        </Stack>
      );
    case 'phone':
      return (
        <Stack gap={6} style={{ opacity }}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-phone-script">
            {rendered.script.text}
          </Text>
          {rendered.offer.text && (
            <Alert color="teal" variant="light" p="xs" title={t('campaignContent.phone.offer')}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-phone-offer">
                {rendered.offer.text}
              </Text>
            </Alert>
          )}
        </Stack>
      );
    default: {
      const never: never = rendered;
      return never;
    }
  }
}
