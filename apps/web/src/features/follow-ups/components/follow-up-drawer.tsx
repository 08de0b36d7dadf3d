import {
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { allowedMoves } from '@relance/domain/tracking/follow-up';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import { workspaceLocalToIso } from '../../../lib/time-zone';
import type { FollowUpDetail } from '../api/follow-ups';
import { useEditNotes, useFollowUp, useScheduleReminder } from '../hooks/use-follow-ups';
import { contactName } from './contact-name';
import type { PendingMove } from './move-dialog';

function Reminders({
  detail,
  canMove,
  onMove,
}: {
  detail: FollowUpDetail;
  canMove: boolean;
  onMove: (move: PendingMove) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const schedule = useScheduleReminder();
  const [dueAt, setDueAt] = useState('');
  const [note, setNote] = useState('');
  const open = allowedMoves(detail.stage).includes('remind');
  const fieldError = (field: string) =>
    schedule.error instanceof ApiError
      ? schedule.error.fieldErrors.find((e) => e.field === field)?.message
      : undefined;
  const submit = () => {
    const iso = workspaceLocalToIso(dueAt);
    schedule.mutate(
      { id: detail.id, dueAt: iso ?? dueAt, note: note || null },
      {
        onSuccess: () => {
          setDueAt('');
          setNote('');
        },
      },
    );
  };
  return (
    <Stack gap="xs">
      <Title order={5}>{t('followUps.detail.reminders')}</Title>
      {detail.reminderList.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('followUps.detail.noReminders')}
        </Text>
      ) : (
        <Table data-testid="reminder-list">
          <Table.Tbody>
            {detail.reminderList.map((r) => {
              const pending = !r.doneAt && !r.cancelledAt;
              const late = pending && new Date(r.dueAt).getTime() < Date.now();
              return (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text size="sm" c={late ? 'red' : undefined}>
                      {f.dateTime(r.dueAt)}
                    </Text>
                    {r.note && (
                      <Text size="xs" c="dimmed">
                        {r.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.doneAt ? (
                      <Badge color="teal" variant="light">
                        {t('followUps.detail.done', { date: f.date(r.doneAt) })}
                      </Badge>
                    ) : r.cancelledAt ? (
                      <Badge color="gray" variant="light">
                        {t('followUps.detail.cancelled')}
                      </Badge>
                    ) : (
                      <Group gap={4}>
                        {r.automatic && (
                          <Badge size="xs" variant="outline">
                            {t('followUps.detail.automatic')}
                          </Badge>
                        )}
                        {late && (
                          <Badge size="xs" color="red">
                            {t('followUps.due.overdue')}
                          </Badge>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {pending && canMove && (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => onMove({ card: detail, kind: 'remind', reminderId: r.id })}
                        data-testid={`reminder-done-${r.id}`}
                      >
                        {t('followUps.due.markDone')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {open && canMove && (
        <Stack gap={6}>
          <Group align="flex-end" grow>
            <TextInput
              type="datetime-local"
              label={t('followUps.detail.dueAt')}
              value={dueAt}
              onChange={(e) => setDueAt(e.currentTarget.value)}
              error={fieldError('dueAt')}
              data-testid="reminder-due"
            />
            <TextInput
              label={t('followUps.detail.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={fieldError('note')}
              data-testid="reminder-note"
            />
          </Group>
          <Group justify="flex-end">
            <Button size="xs" onClick={submit} loading={schedule.isPending} data-testid="reminder-schedule">
              {t('followUps.detail.schedule')}
            </Button>
          </Group>
          <ProblemAlert error={schedule.error} withFieldErrors shownFields={['dueAt', 'note']} />
        </Stack>
      )}
    </Stack>
  );
}

function Notes({ detail, canMove }: { detail: FollowUpDetail; canMove: boolean }) {
  const { t } = useTranslation();
  const edit = useEditNotes();
  const [notes, setNotes] = useState(detail.notes ?? '');
  useEffect(() => setNotes(detail.notes ?? ''), [detail.notes]);
  return (
    <Stack gap={6}>
      <Textarea
        label={t('followUps.detail.notes')}
        autosize
        minRows={2}
        value={notes}
        readOnly={!canMove}
        onChange={(e) => setNotes(e.currentTarget.value)}
        data-testid="follow-up-notes"
      />
      {canMove && notes !== (detail.notes ?? '') && (
        <Group justify="flex-end">
          <Button
            size="xs"
            loading={edit.isPending}
            onClick={() => edit.mutate({ id: detail.id, version: detail.version, notes: notes || null })}
            data-testid="notes-save"
          >
            {t('followUps.detail.saveNotes')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={edit.error} withFieldErrors />
    </Stack>
  );
}

/** A card opened: the contact, the amounts, the notes, the reminders (schedule one, mark one done), the history. */
export function FollowUpDrawer({
  id,
  canMove,
  onClose,
  onMove,
}: {
  id: number | null;
  canMove: boolean;
  onClose: () => void;
  onMove: (move: PendingMove) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useFollowUp(id);
  const d = query.data;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={d ? contactName(d.contact) : t('followUps.detail.title')}
      data-testid="follow-up-drawer"
    >
      {query.isPending && id !== null && <LoadingState />}
      {query.isError && <ProblemAlert error={query.error} />}
      {d && (
        <Stack>
          <Group gap="xs">
            <Badge data-testid="detail-stage">{t(`followUps.stages.${d.stage}`)}</Badge>
            <Badge variant="light" color="gray">
              {t(`channels.${d.channel}`, { defaultValue: d.channel })}
            </Badge>
            <Anchor component={Link} to={`/contacts/${d.contact.id}`} size="sm">
              {t('followUps.detail.contact')}
            </Anchor>
          </Group>
          <Table variant="vertical" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('followUps.detail.campaign')}</Table.Th>
                <Table.Td>{d.campaign.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('followUps.detail.opened')}</Table.Th>
                <Table.Td>{f.dateTime(d.openedAt)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('followUps.detail.quote')}</Table.Th>
                <Table.Td data-testid="detail-quote">{f.money(d.quoteCents)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('followUps.detail.sale')}</Table.Th>
                <Table.Td data-testid="detail-sale">{f.money(d.saleCents)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('followUps.detail.remindersMade')}</Table.Th>
                <Table.Td>{f.number(d.reminders)}</Table.Td>
              </Table.Tr>
              {d.lostReason && (
                <Table.Tr>
                  <Table.Th>{t('followUps.detail.lostReason')}</Table.Th>
                  <Table.Td>
                    {t(`followUps.lostReasons.${d.lostReason}`)}
                    {d.competitor ? ` — ${d.competitor}` : ''}
                  </Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th>{t('followUps.detail.owner')}</Table.Th>
                <Table.Td>{d.owner?.name ?? '—'}</Table.Td>
              </Table.Tr>
              {d.trackingCode && (
                <Table.Tr>
                  <Table.Th>{t('followUps.detail.code')}</Table.Th>
                  <Table.Td ff="monospace">{d.trackingCode}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {canMove && allowedMoves(d.stage).length > 0 && (
            <Group gap="xs">
              {allowedMoves(d.stage).map((kind) => (
                <Button
                  key={kind}
                  size="xs"
                  variant="light"
                  onClick={() => onMove({ card: d, kind })}
                  data-testid={`detail-move-${kind}`}
                >
                  {t(`followUps.moves.${kind}`)}
                </Button>
              ))}
            </Group>
          )}
          <Notes detail={d} canMove={canMove} />
          <Divider />
          <Reminders detail={d} canMove={canMove} onMove={onMove} />
          <Divider />
          <Title order={5}>{t('followUps.detail.history')}</Title>
          {d.moves.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('followUps.detail.noMoves')}
            </Text>
          ) : (
            <Timeline bulletSize={12} lineWidth={2}>
              {d.moves.map((m) => (
                <Timeline.Item key={m.id} title={t(`followUps.moves.${m.kind}`)}>
                  <Text size="xs" c="dimmed">
                    {[
                      m.amountCents !== null ? f.money(m.amountCents) : null,
                      m.lostReason ? t(`followUps.lostReasons.${m.lostReason}`) : null,
                      m.competitor,
                      m.note,
                      m.user?.name,
                      f.dateTime(m.at),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
