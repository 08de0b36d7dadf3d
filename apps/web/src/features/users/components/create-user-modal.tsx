import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Role } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useCreateUser } from '../hooks/use-users';
import { roleOptions } from './role-select-data';

export const MIN_PASSWORD = 12;

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useCreateUser();
  const form = useForm({
    initialValues: { email: '', name: '', role: 'telemarketer' as Role, password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('users.emailInvalid')),
      name: (v) => (v.trim() ? null : t('users.nameRequired')),
      password: (v) =>
        v.length >= MIN_PASSWORD ? null : t('users.passwordTooShort', { count: MIN_PASSWORD }),
    },
  });
  const submit = form.onSubmit((values) =>
    mutation.mutate(
      { ...values, email: values.email.trim(), name: values.name.trim() },
      {
        onSuccess: (user) => {
          notifications.show({ color: 'teal', message: t('users.created', { name: user.name }) });
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
        },
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('users.create')}>
      <form onSubmit={submit} noValidate data-testid="create-user-form">
        <Stack>
          <ProblemAlert
            error={mutation.error}
            withFieldErrors
            shownFields={['email', 'name', 'role', 'password']}
          />
          <TextInput label={t('users.email')} type="email" required {...form.getInputProps('email')} />
          <TextInput label={t('users.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('users.role')}
            data={roleOptions(t)}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint', { count: MIN_PASSWORD })}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('users.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
