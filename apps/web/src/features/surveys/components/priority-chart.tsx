import { ScatterChart } from '@mantine/charts';
import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import type { SurveyDefinition } from '@relance/domain/surveys/survey-definition';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import type { WaveReport } from '../api/schemas';
import { labelIn } from './survey-labels';

type Component = WaveReport['results']['components'][number];
const COLOURS = { fix_first: 'red.6', keep_up: 'teal.6', secondary: 'gray.5', overdone: 'blue.5' } as const;
const PRIORITY_COLOUR = { fix_first: 'red', keep_up: 'teal', secondary: 'gray', overdone: 'blue' } as const;

const avg = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/**
 * Importance against satisfaction, both on 0-100: a component above the average importance and below the average
 * satisfaction (bottom right) is what to fix first. Then each component and criterion's scores.
 */
export function PriorityPanel({
  components,
  definition,
  pct,
}: {
  components: Component[];
  definition: SurveyDefinition;
  pct: (v: number | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  const componentLabel = (key: string) =>
    labelIn(definition.components.find((c) => c.key === key)?.label, language) || key;
  const criterionLabel = (component: string, key: string) =>
    labelIn(
      definition.components.find((c) => c.key === component)?.criteria.find((q) => q.key === key)?.label,
      language,
    ) || key;
  const plotted = components.filter((c) => c.importance !== null && c.satisfaction !== null);
  const meanImportance = avg(plotted.map((c) => c.importance));
  const meanSatisfaction = avg(plotted.map((c) => c.satisfaction));
  const score = (v: number | null) => (v === null ? '—' : Math.round(v).toString());

  return (
    <Card withBorder data-testid="priorities">
      <Title order={4}>{t('surveys.results.priorities')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('surveys.results.prioritiesHint')}
      </Text>
      {plotted.length > 0 ? (
        <ScatterChart
          h={280}
          data={plotted.map((c) => ({
            name: componentLabel(c.key),
            color: COLOURS[c.priority ?? 'secondary'],
            data: [
              { importance: Math.round(c.importance ?? 0), satisfaction: Math.round(c.satisfaction ?? 0) },
            ],
          }))}
          dataKey={{ x: 'importance', y: 'satisfaction' }}
          labels={{ x: t('surveys.results.importance'), y: t('surveys.results.satisfaction') }}
          xAxisLabel={t('surveys.results.importance')}
          yAxisLabel={t('surveys.results.satisfaction')}
          xAxisProps={{ domain: [0, 100] }}
          yAxisProps={{ domain: [0, 100] }}
          referenceLines={[
            ...(meanImportance !== null ? [{ x: Math.round(meanImportance), color: 'gray.5' }] : []),
            ...(meanSatisfaction !== null ? [{ y: Math.round(meanSatisfaction), color: 'gray.5' }] : []),
          ]}
          withLegend
          scatterProps={{ r: 8 } as object}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('surveys.results.noComponents')}
        </Text>
      )}
      {components.length > 0 && (
        <Table.ScrollContainer minWidth={520} mt="md">
          <Table data-testid="component-scores">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.results.component')}</Table.Th>
                <Table.Th ta="right">{t('surveys.results.importance')}</Table.Th>
                <Table.Th ta="right">{t('surveys.results.satisfaction')}</Table.Th>
                <Table.Th ta="right">{t('surveys.results.satisfied')}</Table.Th>
                <Table.Th>{t('surveys.results.priority')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {components.flatMap((c) => [
                <Table.Tr key={c.key} data-testid={`component-${c.key}`} fw={600}>
                  <Table.Td>{componentLabel(c.key)}</Table.Td>
                  <Table.Td ta="right">{score(c.importance)}</Table.Td>
                  <Table.Td ta="right" data-testid={`component-${c.key}-satisfaction`}>
                    {score(c.satisfaction)}
                  </Table.Td>
                  <Table.Td ta="right">{pct(c.satisfiedShare)}</Table.Td>
                  <Table.Td>
                    {c.priority && (
                      <Badge color={PRIORITY_COLOUR[c.priority]} variant="light">
                        {t(`surveys.results.priorityOf.${c.priority}`)}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>,
                ...c.criteria.map((q) => (
                  <Table.Tr key={`${c.key}.${q.key}`} data-testid={`criterion-${q.key}`}>
                    <Table.Td pl="xl">
                      <Group gap={6}>
                        <Text size="sm">{criterionLabel(c.key, q.key)}</Text>
                        {q.stats.dontKnow > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('surveys.results.dontKnowCount', { n: q.stats.dontKnow })}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td />
                    <Table.Td ta="right">{score(q.stats.score)}</Table.Td>
                    <Table.Td ta="right">{pct(q.stats.satisfiedShare)}</Table.Td>
                    <Table.Td />
                  </Table.Tr>
                )),
              ])}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
