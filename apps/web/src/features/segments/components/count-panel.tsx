import { Card, Group, Loader, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { CHANNELS } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import type { SegmentCount } from '../api/segments';

interface Props {
  incomplete: boolean;
  data: SegmentCount | undefined;
  fetching: boolean;
  error: unknown;
  /** the reach per channel, asked once the count is known */
  reachable: SegmentCount['reachable'] | undefined;
  reachFetching: boolean;
  reachError: unknown;
}

/** The live count while editing, and how many of them each channel can reach. */
export function CountPanel({
  incomplete,
  data,
  fetching,
  error,
  reachable,
  reachFetching,
  reachError,
}: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const ruleErrors = error instanceof ApiError && error.fieldErrors.length > 0;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('segments.count.title')}</Title>
          {fetching && <Loader size="xs" aria-label={t('segments.count.counting')} />}
        </Group>
        {incomplete ? (
          <Text size="sm" c="dimmed" data-testid="segment-count-incomplete">
            {t('segments.count.incomplete')}
          </Text>
        ) : ruleErrors ? (
          <Text size="sm" c="red.8" data-testid="segment-count-errors">
            {t('segments.count.fix')}
          </Text>
        ) : error ? (
          <ProblemAlert error={error} />
        ) : (
          <Text
            fz={36}
            fw={700}
            c={fetching ? 'dimmed' : 'teal.8'}
            data-testid="segment-count"
            data-count={data?.count ?? ''}
            data-fresh={data && !fetching ? 'true' : 'false'}
          >
            {data ? f.number(data.count) : '…'}
          </Text>
        )}
        {data && !incomplete && !error && (
          <>
            <Group gap="xs">
              <Tooltip label={t('segments.count.reachableHelp')} multiline w={300}>
                <Text size="sm" fw={500}>
                  {t('segments.count.reachable')}
                </Text>
              </Tooltip>
              {reachFetching && <Loader size="xs" />}
            </Group>
            {reachError ? (
              <ProblemAlert error={reachError} />
            ) : (
              <Table withRowBorders={false} verticalSpacing={2}>
                <Table.Tbody>
                  {CHANNELS.map((channel) => (
                    <Table.Tr key={channel}>
                      <Table.Td>{t(`channels.${channel}`)}</Table.Td>
                      <Table.Td
                        ta="right"
                        c={reachFetching ? 'dimmed' : undefined}
                        data-testid={`reach-${channel}`}
                        data-fresh={reachable && !reachFetching ? 'true' : 'false'}
                      >
                        {reachable ? f.number(reachable[channel]) : '…'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
