import { Alert, Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../lib/format';
import { useCan } from '../../../../lib/session';
import type { Campaign } from '../../api/campaigns';
import type { TestReading } from '../../api/dispatch';
import { useCampaignEvent } from '../../hooks/use-campaigns';

/**
 * The test's reading: each variant's members reached, responses, sales and revenue, its value on the plan's metric,
 * whether the leader beats the others at 95 % confidence; then what to roll out (the winner, else the leader,
 * the marketer deciding), with a button while the campaign awaits its rollout.
 */
export function TestReadingCard({ campaign, reading }: { campaign: Campaign; reading: TestReading | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const move = useCampaignEvent();
  const [choice, setChoice] = useState<string | null>(null);
  if (!reading) {
    return (
      <Text size="sm" c="dimmed" data-testid="test-reading-pending">
        {t('dispatch.test.pending')}
      </Text>
    );
  }
  const percent = new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 });
  const value = (v: TestReading['variants'][number]) => {
    switch (reading.metric) {
      case 'response_rate':
        return v.sends ? percent.format(v.responses / v.sends) : '—';
      case 'conversion_rate':
        return v.responses ? percent.format(v.sales / v.responses) : '—';
      default:
        return v.sends ? f.money(Math.round(v.revenueCents / v.sends)) : '—';
    }
  };
  const pValue = (label: string) => reading.comparisons.find((c) => c.against === label)?.comparison.pValue;
  const selected = choice ?? reading.recommended;
  const awaiting = campaign.status === 'awaiting_rollout' && can('campaigns:write');
  return (
    <Stack gap="xs" data-testid="test-reading">
      <Group gap="xs">
        <Text fw={500} size="sm">
          {t('dispatch.test.title', { metric: t(`dispatch.test.metrics.${reading.metric}`) })}
        </Text>
        {reading.winner ? (
          <Badge color="teal" data-testid="test-winner">
            {t('dispatch.test.winner', { v: reading.winner })}
          </Badge>
        ) : (
          <Badge color="gray" data-testid="test-no-winner">
            {t('dispatch.test.noWinner', { v: reading.leader })}
          </Badge>
        )}
      </Group>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dispatch.test.variant')}</Table.Th>
            <Table.Th>{t('dispatch.test.reached')}</Table.Th>
            <Table.Th>{t('dispatch.test.responses')}</Table.Th>
            <Table.Th>{t('dispatch.test.sales')}</Table.Th>
            <Table.Th>{t(`dispatch.test.metrics.${reading.metric}`)}</Table.Th>
            <Table.Th>{t('dispatch.test.confidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reading.variants.map((v) => {
            const p = pValue(v.variant);
            return (
              <Table.Tr key={v.variant} data-testid={`test-variant-${v.variant}`}>
                <Table.Td>{v.variant}</Table.Td>
                <Table.Td>{f.number(v.sends)}</Table.Td>
                <Table.Td>{f.number(v.responses)}</Table.Td>
                <Table.Td>{f.number(v.sales)}</Table.Td>
                <Table.Td>{value(v)}</Table.Td>
                <Table.Td>
                  {v.variant === reading.leader
                    ? t('dispatch.test.leader')
                    : p === null || p === undefined
                      ? '—'
                      : t('dispatch.test.pValue', {
                          p: 1 - p > 0.999 ? `> ${percent.format(0.999)}` : percent.format(1 - p),
                        })}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {reading.automatic && reading.winner && (
        <Text size="sm" c="dimmed">
          {t('dispatch.test.automatic')}
        </Text>
      )}
      {awaiting && (
        <Alert color="teal" variant="light" data-testid="rollout-choice">
          <Stack gap="xs">
            <Text size="sm">{t('dispatch.test.choose', { v: reading.recommended })}</Text>
            <Group>
              <SegmentedControl
                size="xs"
                value={selected}
                onChange={setChoice}
                data={reading.variants.map((v) => ({ label: v.variant, value: v.variant }))}
                data-testid="rollout-variant"
              />
              <Button
                size="xs"
                loading={move.isPending}
                data-testid="rollout-variant-button"
                onClick={() =>
                  move.mutate(
                    { id: campaign.id, event: 'rollout', version: campaign.version, variant: selected },
                    {
                      onSuccess: () =>
                        notifications.show({
                          color: 'teal',
                          message: t('dispatch.test.rolledOut', { v: selected }),
                        }),
                      onError: (error) => notifications.show({ color: 'red', message: error.message }),
                    },
                  )
                }
              >
                {t('dispatch.test.rollout', { v: selected })}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
