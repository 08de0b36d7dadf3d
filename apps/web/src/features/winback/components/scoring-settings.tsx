import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { SCORING_METRICS, type ScoringCriterion, type ScoringMetric } from '@relance/domain/winback/settings';
import { useTranslation } from 'react-i18next';
import { numberInput, type WinbackForm } from './settings-inputs';

const scaleOf = (metric: ScoringMetric) =>
  metric === 'revenue_cents' || metric === 'margin_cents'
    ? 'euro'
    : metric === 'promo_share'
      ? 'percent'
      : 'plain';

/** The reactivation grid: criteria scored from data (a line from the value scoring 0 to the one scoring 10) or by hand. */
export function ScoringSettings({ form }: { form: WinbackForm }) {
  const { t } = useTranslation();
  const criteria = form.values.scoring.criteria;
  const setSource = (i: number, source: 'data' | 'manual') => {
    const { key, label, weight } = criteria[i]!;
    const next: ScoringCriterion =
      source === 'manual'
        ? { key, label, weight, source }
        : { key, label, weight, source, metric: 'revenue_cents', zeroAt: 0, tenAt: 100_000 };
    form.setFieldValue(`scoring.criteria.${i}`, next as never);
  };
  return (
    <Card withBorder>
      <Title order={4}>{t('winback.settings.scoring')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('winback.settings.scoringHelp')}
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={4} data-testid="scoring-criteria">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('winback.settings.label')}</Table.Th>
              <Table.Th>{t('winback.settings.key')}</Table.Th>
              <Table.Th>{t('winback.settings.weight')}</Table.Th>
              <Table.Th>{t('winback.settings.source')}</Table.Th>
              <Table.Th>{t('winback.settings.metric')}</Table.Th>
              <Table.Th>{t('winback.settings.zeroAt')}</Table.Th>
              <Table.Th>{t('winback.settings.tenAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criteria.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    miw={180}
                    aria-label={t('winback.settings.label')}
                    {...form.getInputProps(`scoring.criteria.${i}.label`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={140}
                    aria-label={t('winback.settings.key')}
                    {...form.getInputProps(`scoring.criteria.${i}.key`)}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    w={70}
                    aria-label={t('winback.settings.weight')}
                    {...numberInput(form, `scoring.criteria.${i}.weight`)}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    w={160}
                    aria-label={t('winback.settings.source')}
                    allowDeselect={false}
                    value={c.source}
                    onChange={(v) => setSource(i, v === 'manual' ? 'manual' : 'data')}
                    data={(['data', 'manual'] as const).map((s) => ({
                      value: s,
                      label: t(`winback.settings.sources.${s}`),
                    }))}
                  />
                </Table.Td>
                {c.source === 'data' ? (
                  <>
                    <Table.Td>
                      <Select
                        size="xs"
                        w={220}
                        aria-label={t('winback.settings.metric')}
                        allowDeselect={false}
                        data={SCORING_METRICS.map((m) => ({
                          value: m,
                          label: t(`winback.settings.metrics.${m}`),
                        }))}
                        {...form.getInputProps(`scoring.criteria.${i}.metric`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        w={110}
                        aria-label={t('winback.settings.zeroAt')}
                        {...numberInput(form, `scoring.criteria.${i}.zeroAt`, scaleOf(c.metric))}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        w={110}
                        aria-label={t('winback.settings.tenAt')}
                        {...numberInput(form, `scoring.criteria.${i}.tenAt`, scaleOf(c.metric))}
                      />
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3} />
                )}
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('winback.settings.remove')}
                    onClick={() => form.removeListItem('scoring.criteria', i)}
                  >
                    ✕
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {form.errors['scoring.criteria'] && (
        <Text size="xs" c="red">
          {form.errors['scoring.criteria']}
        </Text>
      )}
      <Group mt="xs">
        <Button
          variant="default"
          size="xs"
          onClick={() =>
            form.insertListItem('scoring.criteria', {
              key: `criterion_${criteria.length + 1}`,
              label: '',
              weight: 1,
              source: 'manual',
            })
          }
        >
          {t('winback.settings.addCriterion')}
        </Button>
      </Group>
    </Card>
  );
}
