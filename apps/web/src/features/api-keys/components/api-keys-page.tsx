import { Badge, Button, Code, Group, Modal, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import type { ApiKey } from '../api/api-keys';
import { useApiKeys, useRevokeApiKey } from '../hooks/use-api-keys';
import { CreateApiKeyModal } from './create-api-key-modal';

export function ApiKeysPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('apiKeys.revoked', { name: revoking.name }) });
        setRevoking(null);
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        actions={
          <Button onClick={() => setCreating(true)} data-testid="create-api-key">
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Paper withBorder>
        {keys.isPending ? (
          <LoadingState />
        ) : keys.isError ? (
          <ProblemAlert error={keys.error} />
        ) : keys.data.items.length === 0 ? (
          <EmptyState title={t('apiKeys.empty')}>{t('apiKeys.emptyHint')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table data-testid="api-keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('apiKeys.name')}</Table.Th>
                  <Table.Th>{t('apiKeys.prefix')}</Table.Th>
                  <Table.Th>{t('apiKeys.role')}</Table.Th>
                  <Table.Th>{t('apiKeys.createdAt')}</Table.Th>
                  <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((key) => (
                  <Table.Tr key={key.id} data-testid="api-key-row" opacity={key.revokedAt ? 0.6 : 1}>
                    <Table.Td>{key.name}</Table.Td>
                    <Table.Td>
                      <Code>{key.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{t(`roles.${key.role}`)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.date(key.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {key.lastUsedAt ? f.dateTime(key.lastUsedAt) : t('users.never')}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {key.revokedAt ? (
                        <Badge color="gray" variant="light">
                          {t('apiKeys.revokedOn', { date: f.date(key.revokedAt) })}
                        </Badge>
                      ) : (
                        <Button
                          size="compact-sm"
                          color="red"
                          variant="subtle"
                          onClick={() => setRevoking(key)}
                        >
                          {t('apiKeys.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {creating && <CreateApiKeyModal onClose={() => setCreating(false)} />}
      {revoking && (
        <Modal opened onClose={() => setRevoking(null)} title={t('apiKeys.revokeTitle')}>
          <Text size="sm" mb="md">
            {t('apiKeys.revokeConfirm', { name: revoking.name })}
          </Text>
          <ProblemAlert error={revoke.error} />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={confirmRevoke} loading={revoke.isPending}>
              {t('apiKeys.revoke')}
            </Button>
          </Group>
        </Modal>
      )}
    </>
  );
}
