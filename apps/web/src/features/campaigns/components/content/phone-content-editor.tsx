import { Group, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ContentEditorProps, contentInput } from './editor-props';
import { MergeFieldMenu } from './merge-field-menu';
import { useFieldInsertion } from './use-field-insertion';

/** A phone call: the script the telemarketer follows and the offer they propose. */
export function PhoneContentEditor(props: ContentEditorProps) {
  const { form, path, readOnly } = props;
  const { t } = useTranslation();
  const insertion = useFieldInsertion(form, path, 'script');
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {t('campaignContent.phone.hint')}
        </Text>
        <MergeFieldMenu onPick={insertion.insert} disabled={readOnly} />
      </Group>
      <Textarea
        label={t('campaignContent.phone.script')}
        autosize
        minRows={6}
        maxRows={20}
        data-testid="phone-script"
        {...contentInput(props, 'script')}
        {...insertion.track('script')}
      />
      <Textarea
        label={t('campaignContent.phone.offer')}
        description={t('campaignContent.phone.offerHint')}
        autosize
        minRows={2}
        maxRows={6}
        data-testid="phone-offer"
        {...contentInput(props, 'offer')}
        {...insertion.track('offer')}
      />
    </Stack>
  );
}
