import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IMPORT_KINDS, type ImportKind } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../../components/not-found-page';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { errorsCsvUrl } from '../api/imports';
import type { Import } from '../api/schemas';
import { useImport } from '../hooks/use-imports';
import { ImportErrorsTable } from './import-errors-table';
import { ImportStatusBadge } from './import-status-badge';

export function ImportPage() {
  const { kind, id = '' } = useParams();
  if (!IMPORT_KINDS.includes(kind as ImportKind)) return <NotFoundPage />;
  return <ImportView kind={kind as ImportKind} id={id} />;
}

function Count({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  const f = useFormat();
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={650} c={color} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {f.number(value)}
      </Text>
    </Card>
  );
}

function percent(imp: Import): number {
  if (imp.status === 'completed') return 100;
  return imp.byteSize > 0 ? Math.min(100, (imp.bytesProcessed / imp.byteSize) * 100) : 0;
}

function ImportView({ kind, id }: { kind: ImportKind; id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useImport(kind, id);
  const back = (
    <Anchor component={Link} to="/imports" size="sm">
      ← {t('imports.back')}
    </Anchor>
  );
  if (query.isPending) return <LoadingState />;
  if (query.isError)
    return (
      <Stack>
        {back}
        <ProblemAlert error={query.error} />
      </Stack>
    );
  const imp = query.data;
  const done = imp.status === 'completed' || imp.status === 'failed';
  const truncated = Number(imp.errorsTruncated ?? 0) > 0;
  return (
    <>
      {back}
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span>{imp.filename}</span>
            <ImportStatusBadge status={imp.status} />
          </Group>
        }
        subtitle={t(`imports.kinds.${kind}`)}
      />
      <Stack>
        {imp.status === 'failed' && imp.failure && (
          <Alert color="red" variant="light" title={t('imports.failedTitle')} data-testid="import-failure">
            {imp.failure}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Group justify="space-between" mb={6}>
            <Text size="sm">
              {f.bytes(imp.bytesProcessed)} / {f.bytes(imp.byteSize)}
            </Text>
            <Text size="sm" c="dimmed">
              {imp.encoding ?? ''} {imp.delimiter ? `· « ${imp.delimiter} »` : ''}
            </Text>
          </Group>
          <Progress
            value={percent(imp)}
            animated={!done}
            color={imp.status === 'failed' ? 'red' : 'teal'}
            size="lg"
            data-testid="import-progress"
          />
          <Group gap="lg" mt="xs">
            <Text size="xs" c="dimmed">
              {t('imports.createdAt')}: {f.dateTime(imp.createdAt)}
            </Text>
            {imp.finishedAt && (
              <Text size="xs" c="dimmed">
                {t('imports.finishedAt')}: {f.dateTime(imp.finishedAt)}
              </Text>
            )}
          </Group>
        </Paper>
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <Count label={t('imports.counts.total')} value={imp.counts.total} testId="count-total" />
          <Count
            label={t('imports.counts.inserted')}
            value={imp.counts.inserted}
            color="teal"
            testId="count-inserted"
          />
          <Count
            label={t('imports.counts.updated')}
            value={imp.counts.updated}
            color="blue"
            testId="count-updated"
          />
          <Count
            label={t('imports.counts.unchanged')}
            value={imp.counts.unchanged}
            testId="count-unchanged"
          />
          <Count
            label={t('imports.counts.failed')}
            value={imp.counts.failed}
            color={imp.counts.failed > 0 ? 'red' : undefined}
            testId="count-failed"
          />
        </SimpleGrid>
        {imp.errors.length > 0 && (
          <Paper withBorder p="md">
            <Group justify="space-between" mb="sm">
              <Title order={4}>{t('imports.errorsTitle')}</Title>
              <Button
                component="a"
                href={errorsCsvUrl(kind, imp.id)}
                variant="light"
                size="xs"
                data-testid="errors-csv"
              >
                {t('imports.downloadErrors')}
              </Button>
            </Group>
            {truncated && (
              <Text size="sm" c="dimmed" mb="xs">
                {t('imports.errorsTruncated', { count: imp.errors.length })}
              </Text>
            )}
            <ImportErrorsTable errors={imp.errors} />
          </Paper>
        )}
        {done && imp.status === 'completed' && imp.errors.length === 0 && (
          <Alert color="teal" variant="light" data-testid="import-clean">
            {t('imports.noErrors')}
          </Alert>
        )}
      </Stack>
    </>
  );
}
