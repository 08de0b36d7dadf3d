import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { allowedMoves, type FollowUpStage, moveKindToColumn } from '@relance/domain/tracking/follow-up';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { Board, FollowUpCard, FollowUpMoveKind } from '../api/follow-ups';
import { contactName } from './contact-name';
import { FollowUpCardView } from './follow-up-card';

const COLORS: Record<FollowUpStage, string> = {
  response: 'blue',
  quote: 'orange',
  sale: 'teal',
  lost: 'gray',
};

function Column({ column, children }: { column: Board['columns'][number]; children: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  const total = column.stage === 'sale' ? column.saleCents : column.stage === 'quote' ? column.quoteCents : 0;
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      radius="md"
      bg={isOver ? `${COLORS[column.stage]}.0` : 'gray.1'}
      data-testid={`column-${column.stage}`}
      aria-label={t(`followUps.stages.${column.stage}`)}
      style={{ minHeight: 320 }}
    >
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t(`followUps.stages.${column.stage}`)}</Title>
        <Badge color={COLORS[column.stage]} variant="light" data-testid={`column-${column.stage}-count`}>
          {f.number(column.count)}
        </Badge>
      </Group>
      {total > 0 && (
        <Text size="xs" c="dimmed" mb="xs" data-testid={`column-${column.stage}-total`}>
          {f.money(total)}
        </Text>
      )}
      <ScrollArea.Autosize mah="70vh" type="auto">
        <Stack gap="xs">{children}</Stack>
      </ScrollArea.Autosize>
      {column.count > column.cards.length && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('followUps.board.more', { count: column.count - column.cards.length })}
        </Text>
      )}
    </Paper>
  );
}

/**
 * The Kanban of one campaign: a column per stage. A card dropped on another column asks for what the move needs
 * (onMove opens the dialog); a drop the stage machine does not allow is refused with a message. Pointer and
 * keyboard (space to pick up, arrows, space to drop) both drag; each card's menu is the other way.
 */
export function FollowUpBoard({
  board,
  canMove,
  onOpen,
  onMove,
}: {
  board: Board;
  canMove: boolean;
  onOpen: (card: FollowUpCard) => void;
  onMove: (card: FollowUpCard, kind: FollowUpMoveKind) => void;
}) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );
  const cardOf = (id: string | number) =>
    board.columns.flatMap((c) => c.cards).find((c) => c.id === Number(id)) ?? null;
  const stageName = (id: string | number | undefined) =>
    id === undefined ? '' : t(`followUps.stages.${String(id)}`, { defaultValue: String(id) });
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('followUps.board.announce.start', { contact: contactName(cardOf(active.id)!.contact) }),
    onDragOver: ({ over }) =>
      over ? t('followUps.board.announce.over', { column: stageName(over.id) }) : '',
    onDragEnd: ({ over }) => (over ? t('followUps.board.announce.end', { column: stageName(over.id) }) : ''),
    onDragCancel: () => t('followUps.board.announce.cancel'),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const card = cardOf(active.id);
    if (!card || !over) return;
    const kind = moveKindToColumn(card.stage, over.id as FollowUpStage);
    if (!kind) return;
    if (!allowedMoves(card.stage).includes(kind)) {
      notifications.show({
        color: 'orange',
        message: t('followUps.board.notAllowed', {
          from: stageName(card.stage),
          to: stageName(over.id),
        }),
      });
      return;
    }
    onMove(card, kind);
  };

  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements }}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" data-testid="follow-up-board">
        {board.columns.map((column) => (
          <Column key={column.stage} column={column}>
            {column.cards.map((card) => (
              <FollowUpCardView key={card.id} card={card} canMove={canMove} onOpen={onOpen} onMove={onMove} />
            ))}
          </Column>
        ))}
      </SimpleGrid>
    </DndContext>
  );
}
