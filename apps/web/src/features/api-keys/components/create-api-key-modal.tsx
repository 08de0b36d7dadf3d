import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ROLES, type Role } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useCreateApiKey } from '../hooks/use-api-keys';

/** Creates a key, then shows its token once, with a copy button. */
export function CreateApiKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useCreateApiKey();
  const form = useForm({
    initialValues: { name: '', role: 'marketer' as Role },
    validate: { name: (v) => (v.trim() ? null : t('apiKeys.nameRequired')) },
  });
  const submit = form.onSubmit((values) =>
    mutation.mutate(
      { name: values.name.trim(), role: values.role },
      {
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
        },
      },
    ),
  );
  const token = mutation.data?.token;
  return (
    <Modal opened onClose={onClose} title={t('apiKeys.create')} closeOnClickOutside={!token} size="lg">
      {token ? (
        <Stack data-testid="api-key-token">
          <Alert color="yellow" variant="light" title={t('apiKeys.onceTitle')}>
            {t('apiKeys.once')}
          </Alert>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="token">
            {token}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={token}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : undefined} variant="light" onClick={copy}>
                  {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('apiKeys.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <ProblemAlert error={mutation.error} withFieldErrors shownFields={['name', 'role']} />
            <TextInput
              label={t('apiKeys.name')}
              placeholder={t('apiKeys.namePlaceholder')}
              required
              {...form.getInputProps('name')}
            />
            <Select
              label={t('apiKeys.role')}
              description={t('apiKeys.roleHint')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
            <Text size="xs" c="dimmed">
              {t('apiKeys.usage')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('apiKeys.createSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
