import { Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  LOST_REASONS,
  type LostReason,
  WINBACK_EXCLUSIONS,
  type WinbackExclusion,
} from '@relance/domain/winback/vocabulary';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { workspaceLocalToIso } from '../../../lib/time-zone';
import type { ContactWinback } from '../api/winback';
import { useRecordLostReason } from '../hooks/use-contact-winback';

/** Why the customer left, for which competitor, and whether to leave them out of win-back; every capture kept. */
export function LostReasonCard({
  contactId,
  lostReasons,
}: {
  contactId: string;
  lostReasons: ContactWinback['lostReasons'];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const record = useRecordLostReason(contactId);
  const form = useForm({
    initialValues: {
      reason: '' as LostReason | '',
      competitor: '',
      exclusion: '' as WinbackExclusion | '',
      note: '',
      lostAt: '',
    },
  });
  const submit = form.onSubmit((values) => {
    if (!values.reason) {
      form.setFieldError('reason', t('winback.contact.reason'));
      return;
    }
    record.mutate(
      {
        reason: values.reason,
        competitor: values.competitor.trim() || undefined,
        exclusion: values.exclusion || null,
        note: values.note.trim() || undefined,
        lostAt: values.lostAt ? workspaceLocalToIso(`${values.lostAt}T12:00`) : undefined,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('winback.contact.saved') });
          form.reset();
        },
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
        },
      },
    );
  });
  const [current, ...earlier] = lostReasons;
  return (
    <Card withBorder data-testid="lost-reasons">
      <Title order={5} mb="xs">
        {t('winback.contact.lostReasons')}
      </Title>
      {current ? (
        <Stack gap={2} mb="sm" data-testid="lost-reason-current">
          <Text size="sm" fw={500}>
            {t(`winback.reasons.${current.reason}`)}
            {current.competitor ? ` — ${current.competitor}` : ''}
          </Text>
          {current.exclusion && (
            <Text size="sm" c="red.7">
              {t(`winback.exclusions.${current.exclusion}`)}
            </Text>
          )}
          {current.note && <Text size="sm">{current.note}</Text>}
          <Text size="xs" c="dimmed">
            {t('winback.contact.lostAt')} {f.date(current.lostAt)}
            {current.user ? ` · ${t('winback.contact.by', { name: current.user.name })}` : ''}
          </Text>
          {earlier.map((r) => (
            <Text key={r.id} size="xs" c="dimmed">
              {f.date(r.recordedAt)}: {t(`winback.reasons.${r.reason}`)}
              {r.competitor ? ` — ${r.competitor}` : ''}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mb="sm">
          {t('winback.contact.noLostReason')}
        </Text>
      )}
      {can('interactions:write') && (
        <form onSubmit={submit} data-testid="lost-reason-form" noValidate>
          <Stack gap="xs">
            <ProblemAlert
              error={record.error}
              withFieldErrors
              shownFields={['reason', 'competitor', 'exclusion', 'note', 'lostAt']}
            />
            <Text size="sm" fw={500}>
              {t('winback.contact.capture')}
            </Text>
            <Group grow align="flex-start">
              <Select
                label={t('winback.contact.reason')}
                data={LOST_REASONS.map((r) => ({ value: r, label: t(`winback.reasons.${r}`) }))}
                data-testid="lost-reason-select"
                {...form.getInputProps('reason')}
              />
              <TextInput
                label={t('winback.contact.competitor')}
                data-testid="lost-competitor"
                {...form.getInputProps('competitor')}
              />
            </Group>
            <Group grow align="flex-start">
              <Select
                label={t('winback.contact.exclusion')}
                data={[
                  { value: '', label: t('winback.contact.noExclusion') },
                  ...WINBACK_EXCLUSIONS.map((e) => ({ value: e, label: t(`winback.exclusions.${e}`) })),
                ]}
                data-testid="lost-exclusion"
                {...form.getInputProps('exclusion')}
              />
              <TextInput type="date" label={t('winback.contact.lostAt')} {...form.getInputProps('lostAt')} />
            </Group>
            <Textarea
              label={t('winback.contact.note')}
              autosize
              minRows={1}
              {...form.getInputProps('note')}
            />
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={record.isPending} data-testid="lost-reason-save">
                {t('winback.contact.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
