import { Badge, Button, Card, Group, NumberInput, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DEFAULT_SCORING_CRITERIA } from '@relance/domain/winback/settings';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import type { ContactWinback } from '../api/winback';
import { useSaveHandScores } from '../hooks/use-contact-winback';

/** The built-in criteria keep their translated name while nobody renamed them. */
const DEFAULT_LABELS = new Map(DEFAULT_SCORING_CRITERIA.map((c) => [c.key, c.label]));

const numberOrNull = (v: number | '' | undefined): number | null => (typeof v === 'number' ? v : null);

/** The reactivation score per criterion (from data or by hand), and the hand scores, editable by marketers. */
export function ReactivationCard({
  contactId,
  winback,
  reactivation,
}: {
  contactId: string;
  winback: ContactWinback;
  reactivation: NonNullable<ContactWinback['reactivation']>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const editable = can('contacts:write');
  const save = useSaveHandScores(contactId);
  const [hand, setHand] = useState<Record<string, number | ''>>({});
  useEffect(() => setHand({ ...winback.handScores }), [winback.handScores]);
  const decimal = new Intl.NumberFormat(f.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const changed = reactivation.criteria.filter(
    (c) => (hand[c.key] ?? '') !== (winback.handScores[c.key] ?? ''),
  );
  const submit = () =>
    save.mutate(
      {
        scores: Object.fromEntries(changed.map((c) => [c.key, numberOrNull(hand[c.key])])),
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('winback.contact.scoresSaved') }) },
    );
  return (
    <Card withBorder data-testid="reactivation">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('winback.contact.score')}</Title>
        <Badge size="lg" variant="light" color="teal" data-testid="reactivation-total">
          {reactivation.total === null ? '—' : decimal.format(reactivation.total)} / 10
        </Badge>
      </Group>
      <ProblemAlert error={save.error} withFieldErrors />
      <Table fz="sm" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('winback.contact.criterion')}</Table.Th>
            <Table.Th ta="right">{t('winback.contact.weight')}</Table.Th>
            <Table.Th ta="right">{t('winback.contact.scoreColumn')}</Table.Th>
            {editable && <Table.Th>{t('winback.contact.handScore')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reactivation.criteria.map((c) => (
            <Table.Tr key={c.key} data-testid={`criterion-${c.key}`}>
              <Table.Td>
                {DEFAULT_LABELS.get(c.key) === c.label ? t(`winback.defaultCriteria.${c.key}`) : c.label}
              </Table.Td>
              <Table.Td ta="right">{f.number(c.weight)}</Table.Td>
              <Table.Td ta="right">
                {c.score === null ? (
                  <Text span size="xs" c="dimmed">
                    {t('winback.contact.notScored')}
                  </Text>
                ) : (
                  <>
                    {decimal.format(c.score)}{' '}
                    <Text span size="xs" c="dimmed">
                      ({c.source === 'hand' ? t('winback.contact.byHand') : t('winback.contact.fromData')})
                    </Text>
                  </>
                )}
              </Table.Td>
              {editable && (
                <Table.Td>
                  <NumberInput
                    size="xs"
                    w={80}
                    min={0}
                    max={10}
                    step={0.5}
                    decimalScale={1}
                    aria-label={`${t('winback.contact.handScore')} ${c.label}`}
                    value={hand[c.key] ?? ''}
                    onChange={(v) => setHand((h) => ({ ...h, [c.key]: typeof v === 'number' ? v : '' }))}
                    data-testid={`hand-${c.key}`}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" disabled={changed.length === 0} loading={save.isPending} onClick={submit}>
            {t('winback.contact.saveScores')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
