import { Button, Group, Paper, SegmentedControl, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { InteractionKind } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { workspaceLocalToIso } from '../../../lib/time-zone';
import { useAddInteraction } from '../hooks/use-contact';

/** What a user logs by hand; email and letter entries come from campaigns. */
const LOGGABLE_KINDS = [
  'note',
  'call',
  'complaint',
  'after_sales',
  'visit',
] as const satisfies readonly InteractionKind[];

export function InteractionForm({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const mutation = useAddInteraction(contactId);
  const form = useForm({
    initialValues: { kind: 'note' as InteractionKind, subject: '', body: '', occurredAt: '' },
    validate: {
      body: (value, values) =>
        value.trim() || values.subject.trim() ? null : t('interactions.bodyRequired'),
    },
  });

  const submit = form.onSubmit((values) => {
    mutation.mutate(
      {
        kind: values.kind,
        subject: values.subject.trim() || undefined,
        body: values.body.trim() || undefined,
        // typed as Paris time (as every date is shown), whatever the browser's zone; stored UTC
        occurredAt: values.occurredAt ? workspaceLocalToIso(values.occurredAt) : undefined,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('interactions.saved') });
          form.reset();
        },
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
        },
      },
    );
  });

  return (
    <Paper withBorder p="md" mb="md" bg="gray.0">
      <form onSubmit={submit} data-testid="interaction-form">
        <Stack gap="sm">
          <ProblemAlert
            error={mutation.error}
            withFieldErrors
            shownFields={['kind', 'subject', 'body', 'occurredAt']}
          />
          <SegmentedControl
            data={LOGGABLE_KINDS.map((k) => ({ value: k, label: t(`interactionKinds.${k}`) }))}
            {...form.getInputProps('kind')}
            fullWidth
          />
          <Group grow align="flex-start">
            <TextInput label={t('interactions.subject')} {...form.getInputProps('subject')} />
            <TextInput
              type="datetime-local"
              label={t('interactions.occurredAt')}
              description={t('interactions.occurredAtHint')}
              {...form.getInputProps('occurredAt')}
            />
          </Group>
          <Textarea
            label={t('interactions.body')}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('body')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending}>
              {t('interactions.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
