import { Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useInteractions } from '../hooks/use-contact';
import { InteractionForm } from './interaction-form';
import { InteractionKindBadge } from './interaction-kind-badge';

export function InteractionsPanel({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const interactions = useInteractions(contactId);
  const items = interactions.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {can('interactions:write') && <InteractionForm contactId={contactId} />}
      {interactions.isPending ? (
        <LoadingState />
      ) : interactions.isError ? (
        <ProblemAlert error={interactions.error} />
      ) : items.length === 0 ? (
        <EmptyState title={t('interactions.empty')} />
      ) : (
        <Stack gap="xs" data-testid="interactions">
          {items.map((i) => (
            <Paper key={i.id} withBorder p="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="xs">
                  <InteractionKindBadge kind={i.kind} />
                  {i.subject && <Text fw={500}>{i.subject}</Text>}
                </Group>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {f.dateTime(i.occurredAt)}
                  {i.user ? ` · ${i.user.name}` : ''}
                </Text>
              </Group>
              {i.body && (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {i.body}
                </Text>
              )}
            </Paper>
          ))}
          {interactions.hasNextPage && (
            <Center>
              <Button
                variant="default"
                onClick={() => interactions.fetchNextPage()}
                loading={interactions.isFetchingNextPage}
              >
                {t('common.loadMore')}
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </>
  );
}
