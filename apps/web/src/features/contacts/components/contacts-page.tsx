import { Button, Center, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useCan } from '../../../lib/session';
import { exportUrl } from '../api/contacts';
import { useContactFilters } from '../hooks/use-contact-filters';
import { useContactList } from '../hooks/use-contact-list';
import { ContactFiltersBar } from './contact-filters';
import { ContactsTable } from './contacts-table';

export function ContactsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { filters, setFilters, reset } = useContactFilters();
  const list = useContactList(filters);
  const contacts = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        subtitle={t('contacts.subtitle')}
        actions={
          can('contacts:export') ? (
            <Button component="a" href={exportUrl(filters)} variant="light" data-testid="contacts-export">
              {t('contacts.export')}
            </Button>
          ) : null
        }
      />
      <ContactFiltersBar filters={filters} onChange={setFilters} onReset={reset} />
      <Paper withBorder p={0} style={{ overflow: 'hidden' }}>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <Paper p="md">
            <ProblemAlert error={list.error} withFieldErrors />
          </Paper>
        ) : contacts.length === 0 ? (
          <EmptyState title={t('contacts.empty')}>{t('contacts.emptyHint')}</EmptyState>
        ) : (
          <ContactsTable contacts={contacts} />
        )}
      </Paper>
      <Center mt="md">
        {list.hasNextPage ? (
          <Button
            variant="default"
            onClick={() => list.fetchNextPage()}
            loading={list.isFetchingNextPage}
            data-testid="load-more"
          >
            {t('common.loadMore')}
          </Button>
        ) : contacts.length > 0 ? (
          <Text size="sm" c="dimmed">
            {t('contacts.shown', { count: contacts.length })}
          </Text>
        ) : null}
      </Center>
    </>
  );
}
