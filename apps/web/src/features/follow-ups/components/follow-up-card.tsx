import { useDraggable } from '@dnd-kit/core';
import { ActionIcon, Badge, Group, Menu, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { allowedMoves } from '@relance/domain/tracking/follow-up';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { FollowUpCard as Card, FollowUpMoveKind } from '../api/follow-ups';
import { contactName } from './contact-name';

const DAY = 86_400_000;

/** Keys and pointers on the card's own buttons and menu are theirs, not the start of a drag. */
const keep = {
  onPointerDown: (e: PointerEvent) => e.stopPropagation(),
  onKeyDown: (e: KeyboardEvent) => e.stopPropagation(),
};

/**
 * A card of the board: the contact, the amount (the sale's, else the quote's), the next reminder (red when past
 * due) and the age since the response. Dragged to another column (pointer or keyboard), or moved through its
 * "Move" menu, which lists only the moves its stage allows.
 */
export function FollowUpCardView({
  card,
  onOpen,
  onMove,
  canMove,
}: {
  card: Card;
  onOpen: (card: Card) => void;
  onMove: (card: Card, kind: FollowUpMoveKind) => void;
  canMove: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const moves = canMove ? allowedMoves(card.stage) : [];
  const draggable = moves.length > 0;
  // a group (it holds buttons), focusable and labelled; a card that cannot move is a plain group
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: !draggable,
    attributes: { role: 'group', roleDescription: t('followUps.board.draggableCard') },
  });
  const name = contactName(card.contact);
  const amount = card.saleCents ?? card.quoteCents;
  const overdue = card.nextReminderAt !== null && new Date(card.nextReminderAt).getTime() < Date.now();
  const ageDays = Math.max(0, Math.floor((Date.now() - new Date(card.openedAt).getTime()) / DAY));
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      radius="md"
      shadow={isDragging ? 'md' : 'xs'}
      data-testid={`follow-up-card-${card.id}`}
      data-stage={card.stage}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        zIndex: isDragging ? 10 : undefined,
        position: 'relative',
        cursor: draggable ? 'grab' : 'default',
        touchAction: 'none',
      }}
      {...(draggable ? { ...attributes, ...listeners } : { role: 'group' })}
      aria-label={name}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <UnstyledButton onClick={() => onOpen(card)} {...keep} data-testid="card-open">
            <Text size="sm" fw={600} lineClamp={1}>
              {name}
            </Text>
          </UnstyledButton>
          {moves.length > 0 && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={t('followUps.board.moveMenu', { contact: name })}
                  data-testid="card-move-menu"
                  {...keep}
                >
                  ⋯
                </ActionIcon>
              </Menu.Target>
              {/* the dropdown is in a portal, but React events still bubble to the card: keep them */}
              <Menu.Dropdown {...keep}>
                <Menu.Label>{t('followUps.board.moveTo')}</Menu.Label>
                {moves.map((kind) => (
                  <Menu.Item key={kind} onClick={() => onMove(card, kind)} data-testid={`card-move-${kind}`}>
                    {t(`followUps.moves.${kind}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <Group gap={6}>
          {amount !== null && (
            <Text size="sm" fw={500} data-testid="card-amount">
              {f.money(amount)}
            </Text>
          )}
          <Badge size="xs" variant="light" color="gray">
            {t(`channels.${card.channel}`, { defaultValue: card.channel })}
          </Badge>
        </Group>
        <Group gap={6} justify="space-between">
          <Text size="xs" c={overdue ? 'red' : 'dimmed'} data-testid="card-reminder">
            {card.nextReminderAt
              ? t(overdue ? 'followUps.board.overdue' : 'followUps.board.nextReminder', {
                  date: f.dateTime(card.nextReminderAt),
                })
              : t('followUps.board.noReminder')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('followUps.board.age', { count: ageDays })}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
