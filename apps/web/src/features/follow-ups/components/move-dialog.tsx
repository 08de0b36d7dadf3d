import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { assertNever } from '@relance/domain/vocabulary';
import { LOST_REASONS, type LostReason } from '@relance/domain/winback/vocabulary';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { euroInputProps } from '../../../lib/number-input-props';
import type { FollowUpCard, FollowUpMoveKind, MoveBody } from '../api/follow-ups';
import { useMove } from '../hooks/use-follow-ups';
import { contactName } from './contact-name';

export interface PendingMove {
  card: Pick<FollowUpCard, 'id' | 'version' | 'stage' | 'contact' | 'quoteCents'>;
  kind: FollowUpMoveKind;
  /** the reminder made (from the due list or the card's reminders) */
  reminderId?: number;
}

interface Values {
  amountCents: number;
  reason: string | null;
  competitor: string;
  note: string;
}

function bodyOf(move: PendingMove, v: Values): MoveBody {
  const version = move.card.version;
  switch (move.kind) {
    case 'quote':
      return { kind: 'quote', version, amountCents: v.amountCents };
    case 'sale':
      return { kind: 'sale', version, amountCents: v.amountCents };
    case 'lost':
      return {
        kind: 'lost',
        version,
        // an empty reason goes to the API, which says so next to the field
        reason: (v.reason ?? '') as LostReason,
        competitor: v.competitor || null,
      };
    case 'remind':
      return { kind: 'remind', version, note: v.note || null, reminderId: move.reminderId ?? null };
    case 'reopen':
      return { kind: 'reopen', version };
    default:
      return assertNever(move.kind, 'follow-up move');
  }
}

/**
 * What a move needs before it is made: an amount for a quote or a sale (a sale starts from the quote), a reason
 * for lost, a note for a reminder made, a confirmation for reopen. Field errors from the API appear next to their
 * field; a card changed by someone else meanwhile says so (conflict), and the board reloads.
 */
export function MoveDialog({ move, onClose }: { move: PendingMove | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useMove();
  const form = useForm<Values>({
    initialValues: { amountCents: Number.NaN, reason: null, competitor: '', note: '' },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another move opens
  useEffect(() => {
    form.setValues({
      amountCents: move?.kind === 'sale' && move.card.quoteCents ? move.card.quoteCents : Number.NaN,
      reason: null,
      competitor: '',
      note: '',
    });
    form.clearErrors();
    mutation.reset();
  }, [move]);

  if (!move) return null;
  const submit = form.onSubmit((values) => {
    mutation.mutate(
      { id: move.card.id, body: bodyOf(move, values) },
      {
        onSuccess: onClose,
        onError: (err) => {
          if (err instanceof ApiError)
            form.setErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.field, e.message])));
        },
      },
    );
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.code === 'conflict';
  return (
    <Modal opened onClose={onClose} title={t(`followUps.moves.${move.kind}`)} data-testid="move-dialog">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('followUps.dialog.for', { contact: contactName(move.card.contact) })}</Text>
          {(move.kind === 'quote' || move.kind === 'sale') && (
            <NumberInput
              label={t(
                move.kind === 'quote' ? 'followUps.dialog.quoteAmount' : 'followUps.dialog.saleAmount',
              )}
              required
              data-autofocus
              data-testid="move-amount"
              {...euroInputProps(form, 'amountCents')}
            />
          )}
          {move.kind === 'lost' && (
            <>
              <Select
                label={t('followUps.dialog.reason')}
                required
                data-testid="move-reason"
                data={LOST_REASONS.map((r) => ({ value: r, label: t(`followUps.lostReasons.${r}`) }))}
                {...form.getInputProps('reason')}
              />
              <TextInput
                label={t('followUps.dialog.competitor')}
                data-testid="move-competitor"
                {...form.getInputProps('competitor')}
              />
            </>
          )}
          {move.kind === 'remind' && (
            <Textarea
              label={t('followUps.dialog.reminderNote')}
              autosize
              minRows={2}
              data-testid="move-note"
              {...form.getInputProps('note')}
            />
          )}
          {move.kind === 'reopen' && <Text size="sm">{t('followUps.dialog.reopenConfirm')}</Text>}
          {conflict ? (
            <Alert color="orange" role="alert" data-testid="move-conflict">
              {t('followUps.dialog.conflict')}
            </Alert>
          ) : (
            <ProblemAlert
              error={mutation.error}
              withFieldErrors
              shownFields={['amountCents', 'reason', 'competitor', 'note']}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('followUps.dialog.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="move-submit">
              {t(`followUps.moves.${move.kind}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
