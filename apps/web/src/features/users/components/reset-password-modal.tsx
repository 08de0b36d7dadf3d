import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import type { User } from '../api/users';
import { useUpdateUser } from '../hooks/use-users';
import { MIN_PASSWORD } from './create-user-modal';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useUpdateUser();
  const form = useForm({
    initialValues: { password: '' },
    validate: {
      password: (v) =>
        v.length >= MIN_PASSWORD ? null : t('users.passwordTooShort', { count: MIN_PASSWORD }),
    },
  });
  const submit = form.onSubmit(({ password }) =>
    mutation.mutate(
      { id: user.id, change: { password } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('users.passwordReset', { name: user.name }) });
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
        },
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('users.resetTitle', { name: user.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={mutation.error} withFieldErrors shownFields={['password']} />
          <PasswordInput
            label={t('users.newPassword')}
            description={t('users.passwordHint', { count: MIN_PASSWORD })}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('users.resetSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
