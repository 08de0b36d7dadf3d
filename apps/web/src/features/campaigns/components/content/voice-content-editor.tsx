import { Group, NumberInput, Progress, Radio, Stack, Text, Textarea } from '@mantine/core';
import { WORDS_PER_MINUTE } from '@relance/templates/voice';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type VoiceContentValues, voiceSeconds } from './content-values';
import { type ContentEditorProps, contentInput } from './editor-props';
import { MergeFieldMenu } from './merge-field-menu';
import { CostMismatch } from './sms-content-editor';
import { useFieldInsertion } from './use-field-insertion';
import { VoiceAudioField } from './voice-audio-field';

/**
 * A voice message: the script read in fr-FR by text-to-speech with its estimated spoken length, or a recorded
 * audio file with its measured length; both against the maximum.
 */
export function VoiceContentEditor(props: ContentEditorProps) {
  const { form, index, path, readOnly } = props;
  const { t } = useTranslation();
  const step = form.values.steps[index]!;
  const content = props.content as VoiceContentValues;
  const insertion = useFieldInsertion(form, path, 'script');
  const audio = content.kind === 'audio';
  const estimated = useMemo(() => voiceSeconds(content.script), [content.script]);
  const seconds = audio ? content.durationSeconds : estimated;
  const max = Number.isFinite(content.maxSeconds) ? content.maxSeconds : 0;
  const over = max > 0 && estimated > max;
  const costSeconds = step.unit.channel === 'voice' ? step.unit.durationSeconds : null;
  const rounded = Math.ceil(seconds);
  const { error: kindError } = contentInput(props, 'kind');

  return (
    <Stack gap="xs">
      <Radio.Group
        label={t('voiceAudio.choice')}
        value={content.kind}
        onChange={(kind) => form.setFieldValue(`${path}.kind`, kind === 'audio' ? 'audio' : 'script')}
        error={kindError}
        data-testid="voice-kind"
      >
        <Group gap="lg" mt={4}>
          <Radio
            value="script"
            label={t('voiceAudio.script')}
            disabled={readOnly}
            data-testid="voice-kind-script"
          />
          <Radio
            value="audio"
            label={t('voiceAudio.audio')}
            disabled={readOnly}
            data-testid="voice-kind-audio"
          />
        </Group>
      </Radio.Group>
      {audio ? (
        <VoiceAudioField {...props} max={max} />
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <Text size="sm" c="dimmed">
              {t('campaignContent.voice.tts')}
            </Text>
            <MergeFieldMenu onPick={insertion.insert} disabled={readOnly} />
          </Group>
          <Textarea
            label={t('campaignContent.voice.script')}
            autosize
            minRows={4}
            maxRows={14}
            data-testid="voice-script"
            {...contentInput(props, 'script')}
            {...insertion.track('script')}
          />
        </>
      )}
      <Group align="flex-end" gap="md">
        <NumberInput
          w={160}
          label={t('campaignContent.voice.maxSeconds')}
          suffix=" s"
          min={5}
          max={300}
          allowDecimal={false}
          data-testid="voice-max"
          {...contentInput(props, 'maxSeconds')}
        />
        {!audio && (
          <Stack gap={4} style={{ flex: 1 }}>
            <Text
              size="sm"
              c={over ? 'red' : undefined}
              fw={over ? 600 : undefined}
              data-testid="voice-length"
            >
              {t('campaignContent.voice.length', { seconds: Math.ceil(estimated), max })}
            </Text>
            <Progress
              size="sm"
              color={over ? 'red' : 'teal'}
              value={max > 0 ? Math.min(100, (estimated / max) * 100) : 0}
              aria-label={t('campaignContent.voice.length', { seconds: Math.ceil(estimated), max })}
            />
            <Text size="xs" c="dimmed">
              {t('campaignContent.voice.assumption', { wpm: WORDS_PER_MINUTE })}
            </Text>
          </Stack>
        )}
      </Group>
      {costSeconds !== null && rounded > 0 && rounded !== costSeconds && (
        <CostMismatch
          text={
            audio
              ? t('voiceAudio.costSeconds', { cost: costSeconds, seconds: rounded })
              : t('campaignContent.voice.costSeconds', { cost: costSeconds, seconds: rounded })
          }
          disabled={readOnly || rounded > 180}
          onApply={() => form.setFieldValue(`steps.${index}.unit.durationSeconds`, rounded)}
        />
      )}
    </Stack>
  );
}
