import { Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import type { Consent, Suppression } from '../api/schemas';
import { ConsentBadge } from './consent-badge';
import { ConsentEditModal } from './consent-edit-modal';

interface Props {
  contactId: string;
  consents: Consent[];
  suppressions: Suppression[];
}

/** One row per channel (a channel without a row is `unknown`), then the suppressions. */
export function ConsentsCard({ contactId, consents, suppressions }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const editable = can('consents:write');
  const [editing, setEditing] = useState<Channel | null>(null);
  const byChannel = new Map(consents.map((c) => [c.channel, c]));

  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('consents.title')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table data-testid="consents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consents.channel')}</Table.Th>
              <Table.Th>{t('consents.status')}</Table.Th>
              <Table.Th>{t('consents.legalBasis')}</Table.Th>
              <Table.Th>{t('consents.source')}</Table.Th>
              <Table.Th>{t('consents.recordedAt')}</Table.Th>
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {CHANNELS.map((channel) => {
              const consent = byChannel.get(channel);
              return (
                <Table.Tr key={channel} data-testid={`consent-${channel}`}>
                  <Table.Td>{t(`channels.${channel}`)}</Table.Td>
                  <Table.Td>
                    <ConsentBadge status={consent?.status ?? 'unknown'} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{consent?.legalBasis ? t(`legalBases.${consent.legalBasis}`) : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{consent?.source || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {f.dateTime(consent?.recordedAt)}
                    </Text>
                  </Table.Td>
                  {editable && (
                    <Table.Td ta="right">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(channel)}>
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="md" mb={4}>
        {t('consents.suppressions')}
      </Text>
      {suppressions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('consents.noSuppressions')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="suppressions">
          {suppressions.map((s) => (
            <Text size="sm" key={`${s.channel}:${s.address}`}>
              <Badge color="red" variant="light" size="sm" mr="xs">
                {t(`channels.${s.channel}`)}
              </Badge>
              {t(`suppressionReasons.${s.reason}`)}
              {s.address ? ` · ${s.address}` : ''}
              <Text span c="dimmed" size="xs">
                {' '}
                · {f.date(s.createdAt)}
                {s.source ? ` · ${s.source}` : ''}
              </Text>
            </Text>
          ))}
        </Stack>
      )}
      {editing && (
        <ConsentEditModal
          contactId={contactId}
          channel={editing}
          current={byChannel.get(editing)}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
