import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { CHANNELS, CONSENT_STATUSES, CONTACT_KINDS } from '@relance/domain/vocabulary';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_SORTS, type ContactFilters } from '../api/contacts';

interface Props {
  filters: ContactFilters;
  onChange: (patch: Partial<ContactFilters>) => void;
  onReset: () => void;
}

/** A text input that reports its value after the user pauses typing. */
function DebouncedInput({
  value,
  onChange,
  delay = 300,
  ...props
}: {
  value: string;
  onChange: (v: string) => void;
  delay?: number;
  label: string;
  placeholder?: string;
  'data-testid'?: string;
}) {
  const [draft, setDraft] = useState(value);
  const reported = useRef(value);
  const report = useDebouncedCallback((v: string) => {
    reported.current = v;
    onChange(v);
  }, delay);
  // the URL changed under us (reset, back button), not by our own report: show it
  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setDraft(value);
    }
  }, [value]);
  return (
    <TextInput
      {...props}
      value={draft}
      onChange={(e) => {
        setDraft(e.currentTarget.value);
        report(e.currentTarget.value);
      }}
    />
  );
}

export function ContactFiltersBar({ filters, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const options = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Paper withBorder p="md" mb="md">
      <DebouncedInput
        label={t('contacts.search')}
        placeholder={t('contacts.searchPlaceholder')}
        value={filters.q ?? ''}
        onChange={(q) => onChange({ q })}
        data-testid="contacts-search"
      />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mt="sm" spacing="sm">
        <Select
          label={t('contacts.kind')}
          placeholder={t('common.all')}
          data={options(CONTACT_KINDS, 'kinds')}
          value={filters.kind ?? null}
          onChange={(kind) => onChange({ kind: kind ?? undefined })}
          clearable
        />
        <DebouncedInput
          label={t('contacts.tag')}
          value={filters.tag ?? ''}
          onChange={(tag) => onChange({ tag })}
        />
        <DebouncedInput
          label={t('contacts.city')}
          value={filters.city ?? ''}
          onChange={(city) => onChange({ city })}
        />
        <DebouncedInput
          label={t('contacts.postalCode')}
          value={filters.postalCode ?? ''}
          onChange={(postalCode) => onChange({ postalCode })}
        />
        <Select
          label={t('contacts.consentChannel')}
          placeholder={t('common.all')}
          data={options(CHANNELS, 'channels')}
          value={filters.consentChannel ?? null}
          onChange={(consentChannel) => onChange({ consentChannel: consentChannel ?? undefined })}
          clearable
        />
        <Select
          label={t('contacts.consentStatus')}
          placeholder={t('common.all')}
          data={options(CONSENT_STATUSES, 'consentStatuses')}
          value={filters.consentStatus ?? null}
          onChange={(consentStatus) => onChange({ consentStatus: consentStatus ?? undefined })}
          clearable
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm" align="flex-end">
        <Select
          label={t('contacts.sort')}
          data={options(CONTACT_SORTS, 'contacts.sorts')}
          value={filters.sort ?? 'name'}
          onChange={(sort) => onChange({ sort: sort ?? undefined, order: sort === 'name' ? 'asc' : 'desc' })}
          w={180}
          allowDeselect={false}
        />
        <Select
          label={t('contacts.order')}
          data={[
            { value: 'asc', label: t('contacts.asc') },
            { value: 'desc', label: t('contacts.desc') },
          ]}
          value={filters.order ?? ((filters.sort ?? 'name') === 'name' ? 'asc' : 'desc')}
          onChange={(order) => onChange({ order: order ?? undefined })}
          w={160}
          allowDeselect={false}
        />
        <Button variant="subtle" color="gray" onClick={onReset}>
          {t('contacts.resetFilters')}
        </Button>
      </Group>
    </Paper>
  );
}
