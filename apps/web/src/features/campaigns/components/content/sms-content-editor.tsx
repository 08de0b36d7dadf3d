import { Alert, Button, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { hasStopMention } from '@relance/templates/sms';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type SmsContentValues, smsLength } from './content-values';
import { type ContentEditorProps, contentInput } from './editor-props';
import { MergeFieldMenu } from './merge-field-menu';
import { SmsCounter } from './sms-counter';
import { useFieldInsertion } from './use-field-insertion';

const STOP_MENTION = 'STOP au 36180';

/** An SMS: sender name, text with its live length (with the example contact), the STOP mention when commercial. */
export function SmsContentEditor(props: ContentEditorProps) {
  const { form, index, path, readOnly } = props;
  const { t } = useTranslation();
  const step = form.values.steps[index]!;
  const content = props.content as SmsContentValues;
  const insertion = useFieldInsertion(form, path, 'text');
  const count = useMemo(() => smsLength(content.text), [content.text]);
  const missingStop = content.commercial && content.text.trim() !== '' && !hasStopMention(content.text);
  const costSegments = step.unit.channel === 'sms' ? step.unit.segments : null;

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <TextInput
          w={240}
          label={t('campaignContent.sms.sender')}
          description={t('campaignContent.sms.senderHint')}
          maxLength={11}
          data-testid="sms-sender"
          {...contentInput(props, 'senderName')}
        />
        <MergeFieldMenu onPick={insertion.insert} disabled={readOnly} />
      </Group>
      <Textarea
        label={t('campaignContent.sms.text')}
        autosize
        minRows={3}
        maxRows={12}
        data-testid="sms-text"
        {...contentInput(props, 'text')}
        {...insertion.track('text')}
      />
      <SmsCounter count={count} />
      <Text size="xs" c="dimmed">
        {t('campaignContent.sms.exampleNote')}
      </Text>
      <Checkbox
        label={t('campaignContent.sms.commercial')}
        description={t('campaignContent.sms.commercialHint')}
        data-testid="sms-commercial"
        {...form.getInputProps(`${path}.commercial`, { type: 'checkbox' })}
      />
      {missingStop && (
        <Alert color="yellow" variant="light" p="xs" data-testid="sms-stop-hint">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('campaignContent.sms.stopHint', { mention: STOP_MENTION })}</Text>
            {!readOnly && (
              <Button
                size="xs"
                variant="light"
                color="yellow"
                onClick={() =>
                  form.setFieldValue(`${path}.text`, `${content.text.trimEnd()} ${STOP_MENTION}`)
                }
              >
                {t('campaignContent.sms.addStop')}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {costSegments !== null && count.segments > 0 && count.segments !== costSegments && (
        <CostMismatch
          text={t('campaignContent.sms.costSegments', { cost: costSegments, segments: count.segments })}
          disabled={readOnly || count.segments > 10}
          onApply={() => form.setFieldValue(`steps.${index}.unit.segments`, count.segments)}
        />
      )}
    </Stack>
  );
}

/** The plan's cost assumption differs from the message as written: say so and offer to align it. */
export function CostMismatch({
  text,
  onApply,
  disabled,
}: {
  text: string;
  onApply: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-testid="cost-mismatch">
      <Text size="xs" c="dimmed">
        {text}
      </Text>
      {!disabled && (
        <Button size="compact-xs" variant="subtle" onClick={onApply}>
          {t('campaignContent.useInCost')}
        </Button>
      )}
    </Group>
  );
}
