import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import type { CallContact } from '../api/callbacks';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

export function contactName(c: Pick<CallContact, 'civility' | 'firstName' | 'lastName' | 'companyName'>) {
  const person = [c.civility, c.firstName, c.lastName].filter(Boolean).join(' ');
  return person || c.companyName || '—';
}

/** The person called: value, orders, last campaigns and what they did, complaints, earlier calls, scores. */
export function ContactCard({ contact }: { contact: CallContact }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = (
    <Text size="sm" c="dimmed">
      {t('callbacks.card.none')}
    </Text>
  );
  const s = contact.scores;
  return (
    <Card withBorder padding="md" data-testid="call-contact">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={3} data-testid="call-contact-name">
            {contactName(contact)}
          </Title>
          {contact.companyName && contact.firstName && <Text size="sm">{contact.companyName}</Text>}
          <Text size="sm" c="dimmed">
            {[contact.postalCode, contact.city].filter(Boolean).join(' ')} {contact.email ?? ''}
          </Text>
        </Stack>
        <Anchor component={Link} to={`/contacts/${contact.id}`} size="sm" target="_blank">
          {t('callbacks.card.open')}
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} mt="sm">
        <Stat label={t('callbacks.card.orders')} value={f.number(contact.stats.orderCount)} />
        <Stat label={t('callbacks.card.revenue')} value={f.money(contact.stats.revenueCents)} />
        <Stat label={t('callbacks.card.lastOrder')} value={f.date(contact.stats.lastOrderAt)} />
        <Stat
          label={t('callbacks.card.tier')}
          value={contact.stats.tier ? t(`indicators.tiers.${contact.stats.tier}`) : '—'}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="md" spacing="md">
        <Section title={t('callbacks.card.scores')}>
          {s.reactivationScore === null &&
            s.churnProbability === null &&
            !s.formerSince &&
            s.signals.length === 0 &&
            !contact.lostReason &&
            none}
          <Group gap="xs">
            {s.reactivationScore !== null && (
              <Badge variant="light">
                {t('callbacks.card.reactivation', {
                  score: f.number(Math.round(s.reactivationScore * 10) / 10),
                })}
              </Badge>
            )}
            {s.churnProbability !== null && (
              <Badge variant="light" color="orange">
                {t('callbacks.card.churn', { pct: Math.round(s.churnProbability * 100) })}
              </Badge>
            )}
            {s.formerSince && (
              <Badge variant="light" color="gray">
                {t('callbacks.card.formerSince', { date: f.date(s.formerSince) })}
              </Badge>
            )}
            {s.signals.map((k) => (
              <Badge key={k} variant="outline" color="red">
                {k}
              </Badge>
            ))}
          </Group>
          {contact.lostReason && (
            <Text size="sm" data-testid="call-lost-reason">
              {t('callbacks.card.lostReason')} — {t(`callbacks.lostReasons.${contact.lostReason.reason}`)}
              {contact.lostReason.competitor ? ` (${contact.lostReason.competitor})` : ''} —{' '}
              {f.date(contact.lostReason.lostAt)}
            </Text>
          )}
        </Section>
        <Section title={t('callbacks.card.recentOrders')}>
          {contact.orders.length === 0
            ? none
            : contact.orders.map((o) => (
                <Text size="sm" key={o.id}>
                  {f.date(o.orderedAt)} — {f.money(o.amountCents)}
                  {o.promo ? ` (${t('callbacks.card.promo')})` : ''}
                </Text>
              ))}
        </Section>
        <Section title={t('callbacks.card.campaigns')}>
          {contact.campaigns.length === 0
            ? none
            : contact.campaigns.map((c) => (
                <Text size="sm" key={`${c.campaignId}-${c.at}`}>
                  {f.date(c.at)} — {c.name} ({c.channel}){c.kinds.length ? ` : ${c.kinds.join(', ')}` : ''}
                </Text>
              ))}
        </Section>
        <Section title={t('callbacks.card.complaints')}>
          {contact.complaints.length === 0
            ? none
            : contact.complaints.map((c) => (
                <Text size="sm" key={c.id}>
                  {f.date(c.at)} — {c.subject ?? c.kind}
                </Text>
              ))}
        </Section>
      </SimpleGrid>
      {contact.calls.length > 0 && (
        <Section title={t('callbacks.card.previousCalls')}>
          <Table fz="sm" mt={4}>
            <Table.Tbody>
              {contact.calls.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{f.dateTime(c.at)}</Table.Td>
                  <Table.Td>{t(`callbacks.outcomes.${c.outcome}`)}</Table.Td>
                  <Table.Td>{c.agent}</Table.Td>
                  <Table.Td>{c.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      )}
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}
