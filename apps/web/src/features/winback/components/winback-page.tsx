import { Anchor, Badge, Card, Grid, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useCan } from '../../../lib/session';
import { listFormer, WINBACK_VIEWS, type WinbackView } from '../api/winback';
import { BarometerChart } from './barometer-chart';
import { FormerTable } from './former-table';
import { ModelCard } from './model-card';

/**
 * Win-back (DOMAIN.md §6): the candidates ranked by reactivation score, the occasional buyers kept apart, the
 * excluded and the whole former-customer file; the churn model's quality; the lost-customers barometer.
 */
export function WinbackPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [view, setView] = useState<WinbackView>('candidates');
  // the counts and the occasional buyers' treatment come with any page of the list
  const summary = useQuery({
    queryKey: ['winback', 'former', 'summary'],
    queryFn: ({ signal }) => listFormer('candidates', null, signal),
  });
  const apart = summary.data?.occasionalTreatment !== 'exclude';
  const views = WINBACK_VIEWS.filter((v) => v !== 'occasional' || apart);
  return (
    <>
      <PageHeader
        title={t('winback.title')}
        subtitle={t('winback.subtitle')}
        actions={
          <Group gap="md">
            <Anchor component={Link} to="/winback/alerts" data-testid="winback-alerts-link">
              {t('winback.nav.alerts')}
            </Anchor>
            {can('settings:manage') && (
              <Anchor component={Link} to="/settings/winback">
                {t('winback.nav.settings')}
              </Anchor>
            )}
          </Group>
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Card withBorder>
            <Tabs value={view} onChange={(v) => v && setView(v as WinbackView)} keepMounted={false}>
              <Tabs.List mb="sm">
                {views.map((v) => (
                  <Tabs.Tab
                    key={v}
                    value={v}
                    data-testid={`winback-tab-${v}`}
                    rightSection={
                      summary.data ? (
                        <Badge size="sm" variant="light" color="gray" data-testid={`winback-count-${v}`}>
                          {summary.data.counts[v]}
                        </Badge>
                      ) : null
                    }
                  >
                    {t(`winback.views.${v}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {views.map((v) => (
                <Tabs.Panel key={v} value={v}>
                  <Text size="sm" c="dimmed" mb="sm">
                    {t(`winback.viewHelp.${v}`)}
                  </Text>
                  <FormerTable view={v} />
                </Tabs.Panel>
              ))}
            </Tabs>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <Stack>
            <ModelCard />
            <BarometerChart />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
