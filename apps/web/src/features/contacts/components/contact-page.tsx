import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useContact } from '../hooks/use-contact';
import { CompanyCard } from './company-card';
import { ConsentsCard } from './consents-card';
import { displayName } from './display-name';
import { IdentityCard } from './identity-card';
import { IndicatorsCard } from './indicators-card';
import { InteractionsPanel } from './interactions-panel';
import { OrdersPanel } from './orders-panel';
import { TimelinePanel } from './timeline-panel';
import { WinbackCard } from './winback-card';

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={600} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Card>
  );
}

export function ContactPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const detail = useContact(id);
  const can = useCan();

  if (detail.isPending) return <LoadingState />;
  if (detail.isError)
    return (
      <Stack>
        <Anchor component={Link} to="/contacts" size="sm">
          ← {t('contact.back')}
        </Anchor>
        <ProblemAlert error={detail.error} />
      </Stack>
    );

  const { contact, stats } = detail.data;
  return (
    <>
      <Anchor component={Link} to="/contacts" size="sm">
        ← {t('contact.back')}
      </Anchor>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span data-testid="contact-name">{displayName(contact) || t('contacts.unnamed')}</span>
            <Badge variant="light" color={contact.kind === 'company' ? 'grape' : 'teal'}>
              {t(`kinds.${contact.kind}`)}
            </Badge>
          </Group>
        }
        subtitle={t('contact.since', { date: f.date(contact.createdAt) })}
        actions={
          can('calls:work') ? (
            // the survey filled in during a call (README "Surveys")
            <Button
              component={Link}
              to={`/surveys/phone?contact=${contact.id}`}
              variant="light"
              data-testid="fill-survey"
            >
              {t('surveys.phone.fill')}
            </Button>
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} mb="md">
        <Stat label={t('contact.orderCount')} value={f.number(stats.orderCount)} testId="stat-orders" />
        <Stat label={t('contact.revenue')} value={f.money(stats.revenueCents ?? 0)} testId="stat-revenue" />
        <Stat label={t('contact.lastOrder')} value={f.date(stats.lastOrderAt)} />
      </SimpleGrid>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <IdentityCard contact={contact} />
            <IndicatorsCard indicators={detail.data.indicators} />
            <WinbackCard contactId={contact.id} />
            <CompanyCard detail={detail.data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <ConsentsCard
              contactId={contact.id}
              consents={detail.data.consents}
              suppressions={detail.data.suppressions}
            />
            <Card withBorder>
              <Tabs defaultValue="timeline" keepMounted={false}>
                <Tabs.List mb="md">
                  <Tabs.Tab value="timeline">{t('contact.timeline')}</Tabs.Tab>
                  <Tabs.Tab value="interactions">{t('contact.interactions')}</Tabs.Tab>
                  <Tabs.Tab value="orders">{t('contact.orders')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="timeline">
                  <TimelinePanel contactId={contact.id} />
                </Tabs.Panel>
                <Tabs.Panel value="interactions">
                  <InteractionsPanel contactId={contact.id} />
                </Tabs.Panel>
                <Tabs.Panel value="orders">
                  <OrdersPanel contactId={contact.id} />
                </Tabs.Panel>
              </Tabs>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
