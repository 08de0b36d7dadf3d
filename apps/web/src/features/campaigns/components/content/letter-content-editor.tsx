import { Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type LetterContentValues, messagesFor } from './content-values';
import { type ContentEditorProps, contentInput } from './editor-props';
import { fieldMessages } from './field-messages';
import { MergeFieldMenu } from './merge-field-menu';
import { useFieldInsertion } from './use-field-insertion';

/**
 * A postal letter: the sender, the hook and body, the code block and the footer. The recipient's address is
 * printed from the contact file in the DL window; the tracking code and a QR code to the tracked link are added.
 */
export function LetterContentEditor(props: ContentEditorProps) {
  const { form, path, readOnly, messages } = props;
  const { t } = useTranslation();
  const content = props.content as LetterContentValues;
  const insertion = useFieldInsertion(form, path, 'body');
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {t('campaignContent.letter.layout')}
        </Text>
        <MergeFieldMenu onPick={insertion.insert} disabled={readOnly} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput
          label={t('campaignContent.letter.senderName')}
          data-testid="letter-sender-name"
          {...contentInput(props, 'sender.name')}
        />
        <TextInput
          label={t('campaignContent.letter.place')}
          description={t('campaignContent.letter.placeHint')}
          data-testid="letter-place"
          {...contentInput(props, 'place')}
        />
      </SimpleGrid>
      <Textarea
        label={t('campaignContent.letter.senderAddress')}
        description={t('campaignContent.letter.senderAddressHint')}
        autosize
        minRows={2}
        maxRows={5}
        data-testid="letter-sender-address"
        value={content.sender.addressLines.join('\n')}
        onChange={(e) => form.setFieldValue(`${path}.sender.addressLines`, e.currentTarget.value.split('\n'))}
        error={fieldMessages(messagesFor(messages, 'sender.addressLines'))}
      />
      <TextInput
        label={t('campaignContent.letter.subject')}
        data-testid="letter-subject"
        {...contentInput(props, 'subject')}
        {...insertion.track('subject')}
      />
      <Textarea
        label={t('campaignContent.letter.hook')}
        description={t('campaignContent.letter.hookHint')}
        autosize
        minRows={2}
        maxRows={4}
        data-testid="letter-hook"
        {...contentInput(props, 'hook')}
        {...insertion.track('hook')}
      />
      <Textarea
        label={t('campaignContent.letter.body')}
        description={t('campaignContent.letter.bodyHint')}
        autosize
        minRows={6}
        maxRows={20}
        data-testid="letter-body"
        {...contentInput(props, 'body')}
        {...insertion.track('body')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput
          label={t('campaignContent.letter.codeLabel')}
          data-testid="letter-code-label"
          {...contentInput(props, 'codeLabel')}
        />
        <TextInput
          label={t('campaignContent.letter.qrCaption')}
          data-testid="letter-qr-caption"
          {...contentInput(props, 'qrCaption')}
        />
      </SimpleGrid>
      <Textarea
        label={t('campaignContent.letter.signature')}
        autosize
        minRows={1}
        maxRows={4}
        data-testid="letter-signature"
        {...contentInput(props, 'signature')}
        {...insertion.track('signature')}
      />
      <Textarea
        label={t('campaignContent.letter.footer')}
        autosize
        minRows={1}
        maxRows={4}
        data-testid="letter-footer"
        {...contentInput(props, 'footer')}
        {...insertion.track('footer')}
      />
    </Stack>
  );
}
