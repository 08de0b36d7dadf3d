import { Button, Card, Group, Kbd, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { CallOutcomeInput } from '@relance/domain/callbacks/outcome-input';
import { CALL_OUTCOMES, type CallOutcome, OUTCOME_KEYS } from '@relance/domain/callbacks/vocabulary';
import { assertNever } from '@relance/domain/vocabulary';
import { LOST_REASONS, type LostReason } from '@relance/domain/winback/vocabulary';
import { type FormEvent, type KeyboardEvent, type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';

/** The outcomes recorded at once with the notes; the others open a short form (Enter saves, Esc cancels). */
const DIRECT: readonly CallOutcome[] = ['no_answer', 'voicemail', 'wrong_number'];
export const needsForm = (o: CallOutcome) => !DIRECT.includes(o);

const COLOURS: Record<CallOutcome, string> = {
  no_answer: 'gray',
  voicemail: 'gray',
  wrong_number: 'gray',
  callback: 'blue',
  interested: 'teal',
  sale: 'green',
  not_interested: 'orange',
  lost: 'red',
  do_not_call: 'red',
};

/** "120", "120,50", "1 200.5" → cents; null when it is not an amount. */
export function euroCents(text: string): number | null {
  const clean = text.replace(/[\s\u00a0€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  return Math.round(Number(clean) * 100);
}

/** A local date-time for <input type="datetime-local">, two hours from now on the quarter hour. */
function inTwoHours(): string {
  const d = new Date(Date.now() + 2 * 3600_000);
  d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface Props {
  pending: CallOutcome | null;
  onChoose: (outcome: CallOutcome) => void;
  onCancel: () => void;
  onSubmit: (input: CallOutcomeInput) => void;
  note: string;
  onNote: (note: string) => void;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  saving: boolean;
  error: unknown;
}

/** The outcome buttons (each with its key), the notes, and the form of the outcome chosen. */
export function OutcomePanel({
  pending,
  onChoose,
  onCancel,
  onSubmit,
  note,
  onNote,
  noteRef,
  saving,
  error,
}: Props) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid="outcome-panel">
      <Textarea
        ref={noteRef}
        label={t('callbacks.form.note')}
        description={t('callbacks.form.noteHint')}
        value={note}
        onChange={(e) => onNote(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
        autosize
        minRows={2}
        data-testid="call-note"
      />
      <Group gap="xs" mt="md">
        {CALL_OUTCOMES.map((o) => (
          <Button
            key={o}
            variant={pending === o ? 'filled' : 'light'}
            color={COLOURS[o]}
            onClick={() => onChoose(o)}
            disabled={saving}
            leftSection={<Kbd size="xs">{OUTCOME_KEYS[o]}</Kbd>}
            data-testid={`outcome-${o}`}
          >
            {t(`callbacks.outcomes.${o}`)}
          </Button>
        ))}
      </Group>
      {pending && needsForm(pending) && (
        <OutcomeForm
          key={pending}
          outcome={pending}
          note={note}
          onSubmit={onSubmit}
          onCancel={onCancel}
          saving={saving}
        />
      )}
      <ProblemAlert error={error} withFieldErrors />
    </Card>
  );
}

function OutcomeForm({
  outcome,
  note,
  onSubmit,
  onCancel,
  saving,
}: {
  outcome: CallOutcome;
  note: string;
  onSubmit: (input: CallOutcomeInput) => void;
  onCancel: () => void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const [when, setWhen] = useState(inTwoHours);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [lostReason, setLostReason] = useState<LostReason>('price');
  const [competitor, setCompetitor] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    switch (outcome) {
      case 'callback':
        return onSubmit({ outcome, note, nextCallAt: new Date(when) });
      case 'interested': {
        const cents = amount.trim() ? euroCents(amount) : undefined;
        if (cents === null) return setProblem(t('callbacks.form.badAmount'));
        return onSubmit({ outcome, note, ...(cents !== undefined ? { amountCents: cents } : {}) });
      }
      case 'sale': {
        const cents = euroCents(amount);
        if (cents === null || cents === 0) return setProblem(t('callbacks.form.badAmount'));
        return onSubmit({ outcome, note, amountCents: cents });
      }
      case 'not_interested':
        return onSubmit({ outcome, note, reason });
      case 'lost':
        return onSubmit({ outcome, note, lostReason, competitor: competitor.trim() || null });
      case 'do_not_call':
      case 'no_answer':
      case 'voicemail':
      case 'wrong_number':
        return onSubmit({ outcome, note });
      default:
        return assertNever(outcome, 'call outcome');
    }
  };
  const cancelOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <form onSubmit={submit} onKeyDown={cancelOnEscape} data-testid={`outcome-form-${outcome}`}>
      <Stack gap="sm" mt="md">
        {outcome === 'callback' && (
          <TextInput
            type="datetime-local"
            label={t('callbacks.form.nextCallAt')}
            value={when}
            onChange={(e) => setWhen(e.currentTarget.value)}
            required
            data-autofocus
            autoFocus
            data-testid="outcome-next-call"
          />
        )}
        {(outcome === 'sale' || outcome === 'interested') && (
          <TextInput
            label={outcome === 'sale' ? t('callbacks.form.amount') : t('callbacks.form.quoteAmount')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            inputMode="decimal"
            required={outcome === 'sale'}
            error={problem}
            autoFocus
            data-testid="outcome-amount"
          />
        )}
        {outcome === 'not_interested' && (
          <TextInput
            label={t('callbacks.form.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autoFocus
            data-testid="outcome-reason"
          />
        )}
        {outcome === 'lost' && (
          <Group grow>
            <NativeSelect
              label={t('callbacks.form.lostReason')}
              value={lostReason}
              onChange={(e) => setLostReason(e.currentTarget.value as LostReason)}
              data={LOST_REASONS.map((r) => ({ value: r, label: t(`callbacks.lostReasons.${r}`) }))}
              autoFocus
              data-testid="outcome-lost-reason"
            />
            <TextInput
              label={t('callbacks.form.competitor')}
              value={competitor}
              onChange={(e) => setCompetitor(e.currentTarget.value)}
              data-testid="outcome-competitor"
            />
          </Group>
        )}
        {outcome === 'do_not_call' && <Text size="sm">{t('callbacks.form.confirmDnc')}</Text>}
        <Group>
          <Button
            type="submit"
            loading={saving}
            autoFocus={outcome === 'do_not_call'}
            data-testid="outcome-save"
          >
            {t('callbacks.form.save')}
          </Button>
          <Button variant="subtle" color="gray" onClick={onCancel}>
            {t('callbacks.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
