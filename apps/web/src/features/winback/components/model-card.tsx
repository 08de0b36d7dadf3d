import { Card, Group, Progress, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useChurnModel } from '../hooks/use-winback';

/** The probability-of-leaving model: its AUC on held-out customers, what it learnt from, its weights. */
export function ModelCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const model = useChurnModel();
  const decimal = new Intl.NumberFormat(f.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <Card withBorder data-testid="churn-model">
      <Title order={4}>{t('winback.model.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('winback.model.subtitle')}
      </Text>
      {model.isPending ? (
        <LoadingState />
      ) : model.isError ? (
        <ProblemAlert error={model.error} />
      ) : model.data.status !== 'trained' ? (
        <Text size="sm" c="dimmed" data-testid="model-status">
          {model.data.status === 'insufficient'
            ? t('winback.model.insufficient', {
                train: f.number(model.data.trainCount),
                left: f.number(model.data.trainLeft),
              })
            : t('winback.model.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Tooltip label={t('winback.model.aucHelp')} multiline w={300}>
            <Group justify="space-between">
              <Text size="sm">{t('winback.model.auc')}</Text>
              <Text fw={700} data-testid="model-auc">
                {decimal.format(model.data.auc ?? 0)}
              </Text>
            </Group>
          </Tooltip>
          <Progress value={Math.max(0, ((model.data.auc ?? 0.5) - 0.5) * 200)} color="teal" size="sm" />
          <Text size="xs" c="dimmed">
            {t('winback.model.trainedAt', {
              date: f.dateTime(model.data.trainedAt),
              months: model.data.horizonMonths,
            })}
            {' · '}
            {t('winback.model.counts', {
              train: f.number(model.data.trainCount),
              trainLeft: f.number(model.data.trainLeft),
              test: f.number(model.data.testCount),
              testLeft: f.number(model.data.testLeft),
            })}
          </Text>
          <Table fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('winback.model.feature')}</Table.Th>
                <Table.Th ta="right">{t('winback.model.coefficient')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...model.data.features]
                .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))
                .map((feature) => (
                  <Table.Tr key={feature.name}>
                    <Table.Td>{t(`winback.model.features.${feature.name}`)}</Table.Td>
                    <Table.Td ta="right" c={feature.coefficient > 0 ? 'red.7' : 'teal.7'}>
                      {feature.coefficient > 0 ? '+' : ''}
                      {decimal.format(feature.coefficient)}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Card>
  );
}
