import { Badge, Button, Group, Menu, Paper, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Role } from '@relance/domain/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCurrentUser } from '../../../lib/session';
import type { User } from '../api/users';
import { useUpdateUser, useUsers } from '../hooks/use-users';
import { CreateUserModal } from './create-user-modal';
import { ResetPasswordModal } from './reset-password-modal';
import { roleOptions } from './role-select-data';

export function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useCurrentUser();
  const users = useUsers();
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const change = (user: User, patch: { role?: Role; active?: boolean }) =>
    update.mutate(
      { id: user.id, change: patch },
      {
        onSuccess: (updated) =>
          notifications.show({ color: 'teal', message: t('users.updated', { name: updated.name }) }),
      },
    );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <Button onClick={() => setCreating(true)} data-testid="create-user">
            {t('users.create')}
          </Button>
        }
      />
      {update.error && (
        <Paper mb="md">
          <ProblemAlert error={update.error} withFieldErrors />
        </Paper>
      )}
      <Paper withBorder>
        {users.isPending ? (
          <LoadingState />
        ) : users.isError ? (
          <ProblemAlert error={users.error} />
        ) : users.data.items.length === 0 ? (
          <EmptyState title={t('users.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.name')}</Table.Th>
                  <Table.Th>{t('users.role')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                  <Table.Th>{t('users.lastLogin')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => {
                  const self = user.id === me.id;
                  return (
                    <Table.Tr key={user.id} data-testid="user-row" data-email={user.email}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {user.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {user.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          w={170}
                          data={roleOptions(t)}
                          value={user.role}
                          allowDeselect={false}
                          disabled={self}
                          aria-label={t('users.roleOf', { name: user.name })}
                          onChange={(role) =>
                            role && role !== user.role && change(user, { role: role as Role })
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                          {user.active ? t('users.active') : t('users.inactive')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {user.lastLoginAt ? f.dateTime(user.lastLoginAt) : t('users.never')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group justify="flex-end" gap="xs">
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <Button size="compact-sm" variant="subtle">
                                {t('users.actions')}
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => setResetting(user)}>
                                {t('users.resetPassword')}
                              </Menu.Item>
                              {!self &&
                                (user.active ? (
                                  <Menu.Item color="red" onClick={() => change(user, { active: false })}>
                                    {t('users.deactivate')}
                                  </Menu.Item>
                                ) : (
                                  <Menu.Item onClick={() => change(user, { active: true })}>
                                    {t('users.reactivate')}
                                  </Menu.Item>
                                ))}
                            </Menu.Dropdown>
                          </Menu>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}
