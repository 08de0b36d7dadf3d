import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useWinbackEvidence } from '../../../lib/winback-evidence';
import { useAlerts, useDismissAlert } from '../hooks/use-winback';
import { customerName } from './customer-name';

const KIND_COLOURS = {
  anniversary_missed: 'orange',
  trend_down: 'red',
  complaints_up: 'grape',
  became_former: 'gray',
  churn_risk: 'yellow',
  low_satisfaction: 'pink',
} as const;

/** The alert feed: an account owner's own accounts; managers may switch to every account. */
export function AlertsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const evidence = useWinbackEvidence();
  const manager = can('alerts:all');
  const [scope, setScope] = useState<'mine' | 'all'>(manager ? 'all' : 'mine');
  const [dismissed, setDismissed] = useState(false);
  const alerts = useAlerts(scope, dismissed);
  const dismiss = useDismissAlert();
  const items = alerts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Anchor component={Link} to="/winback" size="sm">
        ← {t('winback.title')}
      </Anchor>
      <PageHeader
        title={t('winback.alerts.title')}
        subtitle={t('winback.alerts.subtitle')}
        actions={
          <Group>
            {manager && (
              <SegmentedControl
                value={scope}
                onChange={(v) => setScope(v as 'mine' | 'all')}
                data={[
                  { value: 'mine', label: t('winback.alerts.mine') },
                  { value: 'all', label: t('winback.alerts.all') },
                ]}
                data-testid="alerts-scope"
              />
            )}
            <Switch
              label={t('winback.alerts.showDismissed')}
              checked={dismissed}
              onChange={(e) => setDismissed(e.currentTarget.checked)}
            />
          </Group>
        }
      />
      <ProblemAlert error={alerts.error ?? dismiss.error} />
      {alerts.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState title={t('winback.alerts.empty')} />
      ) : (
        <Stack gap="sm" data-testid="alerts">
          {items.map((alert) => (
            <Card key={alert.id} withBorder padding="sm" data-testid="alert">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Badge color={KIND_COLOURS[alert.kind]} variant="light" data-testid="alert-kind">
                      {t(`winback.alertKinds.${alert.kind}`)}
                    </Badge>
                    <Anchor component={Link} to={`/contacts/${alert.contact.id}`} fw={500}>
                      {customerName(alert.contact) || t('winback.unnamed')}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {f.dateTime(alert.raisedAt)}
                    </Text>
                  </Group>
                  <Text size="sm" data-testid="alert-evidence">
                    {evidence(alert.kind, alert.evidence)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {alert.owner
                      ? t('winback.alerts.owner', { name: alert.owner.name })
                      : t('winback.alerts.noOwner')}
                  </Text>
                </Stack>
                {alert.dismissedAt ? (
                  <Text size="xs" c="dimmed">
                    {t('winback.alerts.dismissed', { date: f.dateTime(alert.dismissedAt) })}
                  </Text>
                ) : (
                  <Button
                    size="xs"
                    variant="default"
                    loading={dismiss.isPending && dismiss.variables === alert.id}
                    onClick={() => dismiss.mutate(alert.id)}
                    data-testid="alert-dismiss"
                  >
                    {t('winback.alerts.dismiss')}
                  </Button>
                )}
              </Group>
            </Card>
          ))}
          {alerts.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                loading={alerts.isFetchingNextPage}
                onClick={() => void alerts.fetchNextPage()}
              >
                {t('winback.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}
