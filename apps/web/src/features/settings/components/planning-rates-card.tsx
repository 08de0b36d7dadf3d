import { Card, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { CHANNELS } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { euroInput, type PlanningSettingsForm, percentInput } from './settings-number-props';

/** Per channel: the expected response and conversion rates, and the returns (NPAI, bounces) and their handling. */
export function PlanningRatesCard({ form }: { form: PlanningSettingsForm }) {
  const { t } = useTranslation();
  const cell = (label: string, testId: string, props: object) => (
    <Table.Td>
      <NumberInput size="xs" aria-label={label} data-testid={testId} {...props} />
    </Table.Td>
  );
  return (
    <Card withBorder>
      <Stack gap="sm">
        <div>
          <Title order={4}>{t('planningSettings.rates.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('planningSettings.rates.hint')}
          </Text>
        </div>
        <Table verticalSpacing={4} data-testid="planning-rates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('planningSettings.rates.channel')}</Table.Th>
              <Table.Th>{t('planningSettings.rates.responseRate')}</Table.Th>
              <Table.Th>{t('planningSettings.rates.conversionRate')}</Table.Th>
              <Table.Th>{t('planningSettings.rates.npaiRate')}</Table.Th>
              <Table.Th>{t('planningSettings.rates.handling')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {CHANNELS.map((channel) => {
              const name = t(`channels.${channel}`);
              const label = (what: string) => `${t(`planningSettings.rates.${what}`)} · ${name}`;
              return (
                <Table.Tr key={channel}>
                  <Table.Td>
                    <Text size="sm">{name}</Text>
                  </Table.Td>
                  {cell(
                    label('responseRate'),
                    `rates-${channel}-responseRate`,
                    percentInput(form, `rates.${channel}.responseRate`),
                  )}
                  {cell(
                    label('conversionRate'),
                    `rates-${channel}-conversionRate`,
                    percentInput(form, `rates.${channel}.conversionRate`),
                  )}
                  {cell(
                    label('npaiRate'),
                    `returns-${channel}-npaiRate`,
                    percentInput(form, `returns.${channel}.npaiRate`),
                  )}
                  {cell(
                    label('handling'),
                    `returns-${channel}-handling`,
                    euroInput(form, `returns.${channel}.handlingCentsPerReturn`),
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
