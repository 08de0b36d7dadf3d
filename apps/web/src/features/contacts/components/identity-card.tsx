import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../lib/format';
import type { Contact } from '../api/schemas';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </Stack>
  );
}

export function IdentityCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const address = [
    contact.addressLine1,
    contact.addressLine2,
    [contact.postalCode, contact.city].filter(Boolean).join(' '),
    contact.country,
  ].filter(Boolean);
  const attributes = Object.entries(contact.attributes);
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('contact.identity')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {contact.kind === 'person' && <Field label={t('contact.firstName')}>{contact.firstName}</Field>}
        {contact.kind === 'person' && <Field label={t('contact.lastName')}>{contact.lastName}</Field>}
        <Field label={t('contact.companyName')}>{contact.companyName}</Field>
        <Field label={t('contact.jobTitle')}>{contact.jobTitle}</Field>
        <Field label={t('contacts.email')}>{contact.email}</Field>
        <Field label={t('contact.mobile')}>{formatPhone(contact.mobile)}</Field>
        <Field label={t('contact.phone')}>{formatPhone(contact.phone)}</Field>
        <Field label={t('contact.externalId')}>{contact.externalId}</Field>
        <Field label={t('contact.address')}>
          {address.length > 0 &&
            address.map((line) => (
              <span key={line} style={{ display: 'block' }}>
                {line}
              </span>
            ))}
        </Field>
        <Field label={t('contacts.tags')}>
          {contact.tags.length > 0 && (
            <Group gap={4} component="span">
              {contact.tags.map((tag) => (
                <Badge key={tag} size="sm" variant="outline" color="gray">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Field>
      </SimpleGrid>
      {attributes.length > 0 && (
        <>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="md" mb={4}>
            {t('contact.attributes')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" data-testid="contact-attributes">
            {attributes.map(([key, value]) => (
              <Text key={key} size="sm">
                <Text span c="dimmed">
                  {key}:
                </Text>{' '}
                {typeof value === 'string' ? value : JSON.stringify(value)}
              </Text>
            ))}
          </SimpleGrid>
        </>
      )}
    </Card>
  );
}
