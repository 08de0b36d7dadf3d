import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContactSearch } from '../../hooks/use-content-preview';
import { contactLabel } from './content-values';
import { setPreviewContact, usePreviewContact } from './preview-contact';

/** Search the contact file for the person to preview with; empty: the example contact. */
export function ContactPicker() {
  const { t } = useTranslation();
  const chosen = usePreviewContact();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const contacts = useContactSearch(search, open);
  const options = (contacts.data?.items ?? []).map((c) => ({ value: String(c.id), label: contactLabel(c) }));
  if (chosen && !options.some((o) => o.value === String(chosen.id))) {
    options.unshift({ value: String(chosen.id), label: chosen.label });
  }
  return (
    <Select
      size="xs"
      label={t('campaignContent.preview.contact')}
      placeholder={t('campaignContent.preview.exampleContact')}
      searchable
      clearable
      data={options}
      value={chosen ? String(chosen.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpen(true)}
      // the server searched already (accents, phone formats...): show its answer as it is
      filter={({ options: all }) => all}
      nothingFoundMessage={
        contacts.isFetching ? t('campaignContent.preview.searching') : t('campaignContent.preview.noContact')
      }
      onChange={(value, option) =>
        setPreviewContact(value ? { id: Number(value), label: option.label } : null)
      }
      data-testid="preview-contact"
    />
  );
}
