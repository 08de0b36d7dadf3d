import { Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Channel } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import type { PlanForm } from './number-fields';

/**
 * The parts of a message a variant rewrites, per channel (the rest is copied from the step's message when the
 * variant is made): what a marketer tests is the subject and the text, the SMS, the script, the letter's hook
 * and body.
 */
const FIELDS: Record<Channel, readonly { field: string; label: string; long?: boolean }[]> = {
  email: [
    { field: 'subject', label: 'subject' },
    { field: 'mjml', label: 'mjml', long: true },
  ],
  sms: [
    { field: 'senderName', label: 'senderName' },
    { field: 'text', label: 'text', long: true },
  ],
  voice: [{ field: 'script', label: 'script', long: true }],
  postal: [
    { field: 'sender.name', label: 'senderNameLetter' },
    { field: 'hook', label: 'hook', long: true },
    { field: 'body', label: 'body', long: true },
  ],
  phone: [{ field: 'script', label: 'script', long: true }],
};

/** A variant's message at `path` (`steps.0.variants.0.content`) for `channel`; errors of other parts listed below. */
export function VariantMessageFields({
  form,
  path,
  channel,
}: {
  form: PlanForm;
  path: string;
  channel: Channel;
}) {
  const { t } = useTranslation();
  const fields = FIELDS[channel];
  const shown = (key: string) => fields.some(({ field }) => key === `${path}.${field}`);
  const others = Object.entries(form.errors).filter(
    ([key]) => (key === path || key.startsWith(`${path}.`)) && !shown(key),
  );
  return (
    <Stack gap="xs">
      {fields.map(({ field, label, long }) =>
        long ? (
          <Textarea
            key={field}
            label={t(`campaignTest.message.${label}`)}
            autosize
            minRows={2}
            maxRows={10}
            data-testid={`variant-content-${field}`}
            {...form.getInputProps(`${path}.${field}`)}
          />
        ) : (
          <TextInput
            key={field}
            label={t(`campaignTest.message.${label}`)}
            data-testid={`variant-content-${field}`}
            {...form.getInputProps(`${path}.${field}`)}
          />
        ),
      )}
      {others.map(([key, message]) => (
        <Text key={key} size="xs" c="red" data-testid="variant-content-error">
          {String(message)}
        </Text>
      ))}
    </Stack>
  );
}
