import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import type { CodeDescription } from '../api/redemption';

type Found = Extract<CodeDescription, { outcome: 'tracking' | 'coupon' }>;

/** What the code is, shown before anything is recorded: campaign, step, channel, contact, what is already there. */
export function CodeDetails({ found }: { found: Found }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (found.outcome === 'coupon') {
    return (
      <Card withBorder data-testid="redeem-details">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color="grape">{t('redemption.coupon')}</Badge>
            <Title order={4}>{found.code}</Title>
          </Group>
          <Text>
            {t('redemption.campaign')}: <strong data-testid="redeem-campaign">{found.campaign.name}</strong>
          </Text>
          {found.offer && <Text size="sm">{found.offer}</Text>}
          <Text size="sm" c="dimmed">
            {t('redemption.couponRecorded', {
              count: found.recorded.count,
              amount: f.money(found.recorded.amountCents),
            })}
          </Text>
        </Stack>
      </Card>
    );
  }
  return (
    <Card withBorder data-testid="redeem-details">
      <Stack gap={4}>
        <Group gap="xs">
          <Badge>{t(`channels.${found.channel}`)}</Badge>
          <Title order={4} ff="monospace">
            {`${found.code.slice(0, 5)}-${found.code.slice(5)}`}
          </Title>
        </Group>
        <Text>
          {t('redemption.contact')}:{' '}
          <Link to={`/contacts/${found.contact.id}`} data-testid="redeem-contact">
            {found.contact.name}
          </Link>
        </Text>
        <Text>
          {t('redemption.campaign')}: <strong data-testid="redeem-campaign">{found.campaign.name}</strong>
        </Text>
        <Text size="sm" c="dimmed">
          {t('redemption.step', {
            position: found.step.position,
            channel: t(`channels.${found.step.channel}`),
            offset: found.step.offsetDays,
            variant: found.variant,
          })}
          {found.sentAt ? ` · ${t('redemption.sentAt', { at: f.dateTime(found.sentAt) })}` : ''}
        </Text>
        {found.recorded.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="redeem-nothing-yet">
            {t('redemption.nothingYet')}
          </Text>
        ) : (
          <>
            <Text size="sm" fw={500}>
              {t('redemption.already')}
            </Text>
            <List size="sm" data-testid="redeem-already">
              {found.recorded.map((r) => (
                <List.Item key={`${r.kind}-${r.occurredAt}-${r.amountCents}`}>
                  {t(`redemption.eventKinds.${r.kind}`, { defaultValue: r.kind })}
                  {r.amountCents ? ` · ${f.money(r.amountCents)}` : ''} · {f.dateTime(r.occurredAt)}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Card>
  );
}
