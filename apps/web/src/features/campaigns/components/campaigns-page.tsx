import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import type { CampaignListItem } from '../api/campaigns';
import { useCampaigns } from '../hooks/use-campaigns';
import { CloneCampaignModal } from './clone-campaign-modal';

const STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  testing: 'yellow',
  awaiting_rollout: 'orange',
  running: 'teal',
  paused: 'grape',
  completed: 'blue',
  cancelled: 'red',
};

const CHANNEL_COLORS: Record<string, string> = {
  postal: 'indigo',
  email: 'cyan',
  sms: 'lime',
  voice: 'violet',
  phone: 'orange',
};

/** `/campaigns`: every campaign with its status, channels, audience, budget, expected sales and forecast ROI. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const campaigns = useCampaigns();
  const [cloning, setCloning] = useState<CampaignListItem | null>(null);
  const writer = can('campaigns:write');
  const decimal = new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 0 });

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        actions={
          writer ? (
            <Button component={Link} to="/campaigns/new" data-testid="new-campaign">
              {t('campaigns.new')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder>
        {campaigns.isPending ? (
          <LoadingState />
        ) : campaigns.isError ? (
          <ProblemAlert error={campaigns.error} />
        ) : campaigns.data.items.length === 0 ? (
          <EmptyState title={t('campaigns.empty')}>{writer ? t('campaigns.emptyHint') : null}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={980}>
            <Table highlightOnHover data-testid="campaigns-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaigns.columns.name')}</Table.Th>
                  <Table.Th>{t('campaigns.columns.status')}</Table.Th>
                  <Table.Th>{t('campaigns.columns.channels')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.columns.audience')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.columns.budget')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.columns.expectedSales')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.columns.roi')}</Table.Th>
                  <Table.Th>{t('campaigns.columns.updatedAt')}</Table.Th>
                  {writer && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.data.items.map((c) => (
                  <Table.Tr
                    key={c.id}
                    data-testid="campaign-row"
                    data-id={c.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() => navigate(`/campaigns/${c.id}`)}
                  >
                    <Table.Td>
                      <Text
                        size="sm"
                        fw={500}
                        component={Link}
                        to={`/campaigns/${c.id}`}
                        onClick={(e: React.MouseEvent) => e.stopPropagation()}
                        data-testid="campaign-name-link"
                      >
                        {c.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`campaigns.kinds.${c.kind}`, { defaultValue: c.kind })} ·{' '}
                        {t(`campaigns.objectives.${c.objective}`, { defaultValue: c.objective })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={STATUS_COLORS[c.status] ?? 'gray'}
                        data-testid="campaign-status"
                      >
                        {t(`campaigns.statuses.${c.status}`, { defaultValue: c.status })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {c.channels.map((ch, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: a channel may come back in a later step
                          <Badge key={i} size="sm" variant="outline" color={CHANNEL_COLORS[ch] ?? 'gray'}>
                            {t(`channels.${ch}`, { defaultValue: ch })}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{f.number(c.audienceSize)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="campaign-budget">
                      {f.money(c.budgetCents)}
                    </Table.Td>
                    <Table.Td ta="right">{decimal.format(c.expectedSales)}</Table.Td>
                    <Table.Td
                      ta="right"
                      c={c.roi === null ? undefined : c.roi < 0 ? 'red.7' : 'teal.8'}
                      data-testid="campaign-roi"
                    >
                      {c.roi === null ? '—' : percent.format(c.roi)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.dateTime(c.updatedAt)}</Text>
                    </Table.Td>
                    {writer && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          data-testid="clone-campaign"
                          onClick={(e) => {
                            e.stopPropagation();
                            setCloning(c);
                          }}
                        >
                          {t('campaigns.clone.action')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {cloning && (
        <CloneCampaignModal
          campaign={cloning}
          onClose={() => setCloning(null)}
          onCloned={(id) => {
            setCloning(null);
            notifications.show({ color: 'teal', message: t('campaigns.clone.done') });
            navigate(`/campaigns/${id}`);
          }}
        />
      )}
    </>
  );
}
