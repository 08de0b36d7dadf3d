import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import type { ContactSummary } from '../api/schemas';
import { displayName } from './display-name';

export function ContactsTable({ contacts }: { contacts: ContactSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped data-testid="contacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contacts.name')}</Table.Th>
            <Table.Th>{t('contacts.email')}</Table.Th>
            <Table.Th>{t('contacts.phone')}</Table.Th>
            <Table.Th>{t('contacts.place')}</Table.Th>
            <Table.Th>{t('contacts.tags')}</Table.Th>
            <Table.Th>{t('contacts.updatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((c) => (
            <Table.Tr key={c.id} data-testid="contact-row">
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/contacts/${c.id}`} fw={500}>
                    {displayName(c) || t('contacts.unnamed')}
                  </Anchor>
                  {c.kind === 'company' && (
                    <Badge size="xs" variant="light" color="grape">
                      {t('kinds.company')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.email ?? ''}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {f.phone(c.mobile ?? c.phone)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{[c.postalCode, c.city].filter(Boolean).join(' ')}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {c.tags.map((tag) => (
                    <Badge key={tag} size="xs" variant="outline" color="gray">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {f.date(c.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
