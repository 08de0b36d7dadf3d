import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import type { Scope } from '../api/follow-ups';
import { useDue } from '../hooks/use-follow-ups';
import { contactName } from './contact-name';
import { MoveDialog, type PendingMove } from './move-dialog';

/**
 * The reminders due by the end of today (Paris), overdue first: one's own follow-ups, or (admins and managers)
 * everyone's. "Done" records the reminder made (a `reminded` event for the board).
 */
export function DuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const manager = can('follow-ups:all');
  const canMove = can('follow-ups:work');
  const [scope, setScope] = useState<Scope>(manager ? 'all' : 'mine');
  const due = useDue(scope);
  const [move, setMove] = useState<PendingMove | null>(null);
  const items = due.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('followUps.due.title')}
        subtitle={t('followUps.due.subtitle')}
        actions={
          manager && (
            <SegmentedControl
              value={scope}
              onChange={(v) => setScope(v as Scope)}
              data={[
                { value: 'mine', label: t('followUps.due.mine') },
                { value: 'all', label: t('followUps.due.all') },
              ]}
              data-testid="due-scope"
            />
          )
        }
      />
      {due.isPending ? (
        <LoadingState />
      ) : due.isError ? (
        <ProblemAlert error={due.error} />
      ) : items.length === 0 ? (
        <EmptyState title={t('followUps.due.empty')} />
      ) : (
        <Stack>
          <Table striped highlightOnHover data-testid="due-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('followUps.due.when')}</Table.Th>
                <Table.Th>{t('followUps.due.contact')}</Table.Th>
                <Table.Th>{t('followUps.due.campaign')}</Table.Th>
                <Table.Th>{t('followUps.due.stage')}</Table.Th>
                <Table.Th>{t('followUps.due.note')}</Table.Th>
                {scope === 'all' && <Table.Th>{t('followUps.due.owner')}</Table.Th>}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} data-testid={`due-${r.id}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" c={r.overdue ? 'red' : undefined}>
                        {f.dateTime(r.dueAt)}
                      </Text>
                      {r.overdue && (
                        <Badge size="xs" color="red">
                          {t('followUps.due.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${r.contact.id}`} size="sm">
                      {contactName(r.contact)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/follow-ups?campaign=${r.followUp.campaignId}&card=${r.followUp.id}`}
                      size="sm"
                    >
                      {r.followUp.campaignName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {t(`followUps.stages.${r.followUp.stage}`)}
                    {r.followUp.quoteCents !== null ? ` · ${f.money(r.followUp.quoteCents)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.note ?? (r.automatic ? t('followUps.detail.automatic') : '')}</Text>
                  </Table.Td>
                  {scope === 'all' && <Table.Td>{r.followUp.owner?.name ?? '—'}</Table.Td>}
                  <Table.Td>
                    {canMove && (
                      <Button
                        size="xs"
                        variant="light"
                        data-testid={`due-done-${r.id}`}
                        onClick={() =>
                          setMove({
                            card: {
                              id: r.followUp.id,
                              version: r.followUp.version,
                              stage: r.followUp.stage,
                              contact: r.contact,
                              quoteCents: r.followUp.quoteCents,
                            },
                            kind: 'remind',
                            reminderId: r.id,
                          })
                        }
                      >
                        {t('followUps.due.markDone')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {due.hasNextPage && (
            <Button variant="default" onClick={() => due.fetchNextPage()} loading={due.isFetchingNextPage}>
              {t('followUps.due.more')}
            </Button>
          )}
        </Stack>
      )}
      <MoveDialog move={move} onClose={() => setMove(null)} />
    </>
  );
}
