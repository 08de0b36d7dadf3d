import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContactDetail } from '../api/schemas';
import { displayName } from './display-name';

/** For a person: their company. For a company: its members. */
export function CompanyCard({ detail }: { detail: ContactDetail }) {
  const { t } = useTranslation();
  const { contact, company, members } = detail;
  if (contact.kind === 'person' && !company) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {contact.kind === 'company' ? t('contact.members') : t('contact.company')}
      </Title>
      {company && contact.kind === 'person' && (
        <Anchor component={Link} to={`/contacts/${company.id}`} fw={500} mb="xs">
          {displayName(company)}
        </Anchor>
      )}
      {members.length > 0 ? (
        <Stack gap={4} data-testid="company-members">
          {contact.kind === 'person' && (
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="xs">
              {t('contact.colleagues')}
            </Text>
          )}
          {members
            .filter((m) => m.id !== contact.id)
            .map((m) => (
              <Text size="sm" key={m.id}>
                <Anchor component={Link} to={`/contacts/${m.id}`}>
                  {displayName(m) || t('contacts.unnamed')}
                </Anchor>
                {m.email ? (
                  <Text span c="dimmed" size="xs">
                    {' '}
                    · {m.email}
                  </Text>
                ) : null}
              </Text>
            ))}
        </Stack>
      ) : contact.kind === 'company' ? (
        <Text size="sm" c="dimmed">
          {t('contact.noMembers')}
        </Text>
      ) : null}
    </Card>
  );
}
