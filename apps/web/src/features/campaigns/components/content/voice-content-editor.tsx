import { Group, NumberInput, Progress, Stack, Text, Textarea } from '@mantine/core';
import { WORDS_PER_MINUTE } from '@relance/templates/voice';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type VoiceContentValues, voiceSeconds } from './content-values';
import { type ContentEditorProps, contentInput } from './editor-props';
import { MergeFieldMenu } from './merge-field-menu';
import { CostMismatch } from './sms-content-editor';
import { useFieldInsertion } from './use-field-insertion';

/** A voice message: the script read in fr-FR by text-to-speech, its estimated spoken length against the maximum. */
export function VoiceContentEditor(props: ContentEditorProps) {
  const { form, index, path, readOnly } = props;
  const { t } = useTranslation();
  const step = form.values.steps[index]!;
  const content = props.content as VoiceContentValues;
  const insertion = useFieldInsertion(form, path, 'script');
  const seconds = useMemo(() => voiceSeconds(content.script), [content.script]);
  const max = Number.isFinite(content.maxSeconds) ? content.maxSeconds : 0;
  const over = max > 0 && seconds > max;
  const costSeconds = step.unit.channel === 'voice' ? step.unit.durationSeconds : null;
  const rounded = Math.ceil(seconds);

  return (
    <Stack gap="xs">
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
        <Stack gap={4} style={{ flex: 1 }}>
          <Text size="sm" c={over ? 'red' : undefined} fw={over ? 600 : undefined} data-testid="voice-length">
            {t('campaignContent.voice.length', { seconds: rounded, max })}
          </Text>
          <Progress
            size="sm"
            color={over ? 'red' : 'teal'}
            value={max > 0 ? Math.min(100, (seconds / max) * 100) : 0}
            aria-label={t('campaignContent.voice.length', { seconds: rounded, max })}
          />
          <Text size="xs" c="dimmed">
            {t('campaignContent.voice.assumption', { wpm: WORDS_PER_MINUTE })}
          </Text>
        </Stack>
      </Group>
      {costSeconds !== null && rounded > 0 && rounded !== costSeconds && (
        <CostMismatch
          text={t('campaignContent.voice.costSeconds', { cost: costSeconds, seconds: rounded })}
          disabled={readOnly || rounded > 180}
          onApply={() => form.setFieldValue(`steps.${index}.unit.durationSeconds`, rounded)}
        />
      )}
    </Stack>
  );
}
