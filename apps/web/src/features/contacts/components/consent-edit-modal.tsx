import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  type Channel,
  CONSENT_STATUSES,
  type ConsentStatus,
  LEGAL_BASES,
  type LegalBasis,
} from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import type { Consent } from '../api/schemas';
import { useSetConsent } from '../hooks/use-contact';

interface Props {
  contactId: string;
  channel: Channel;
  current: Consent | undefined;
  onClose: () => void;
}

export function ConsentEditModal({ contactId, channel, current, onClose }: Props) {
  const { t } = useTranslation();
  const mutation = useSetConsent(contactId);
  const form = useForm({
    initialValues: {
      status: (current?.status ?? 'unknown') as ConsentStatus,
      legalBasis: (current?.legalBasis ?? null) as LegalBasis | null,
      source: '',
    },
  });
  const submit = form.onSubmit((values) => {
    mutation.mutate(
      {
        channel,
        change: {
          status: values.status,
          legalBasis: values.legalBasis,
          source: values.source.trim() || undefined,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('consents.saved') });
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
        },
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('consents.editTitle', { channel: t(`channels.${channel}`) })}>
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert
            error={mutation.error}
            withFieldErrors
            shownFields={['status', 'legalBasis', 'source']}
          />
          <Select
            label={t('consents.status')}
            data={CONSENT_STATUSES.map((s) => ({ value: s, label: t(`consentStatuses.${s}`) }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
          <Select
            label={t('consents.legalBasis')}
            data={LEGAL_BASES.map((b) => ({ value: b, label: t(`legalBases.${b}`) }))}
            clearable
            {...form.getInputProps('legalBasis')}
          />
          <TextInput
            label={t('consents.source')}
            placeholder={t('consents.sourcePlaceholder')}
            {...form.getInputProps('source')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
