import { Card, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { POSTAL_FORMATS } from '@relance/domain/planning/costs';
import type { Channel } from '@relance/domain/vocabulary';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { euroInput, numberInput, type PlanningSettingsForm } from './settings-number-props';

/** The cost of one send per channel: what a new campaign step starts with. */
export function PlanningUnitCostsCard({ form }: { form: PlanningSettingsForm }) {
  const { t } = useTranslation();
  const path = (channel: Channel, field: string) => `unitCosts.${channel}.${field}`;
  const euro = (channel: Channel, field: string, label: string) => (
    <NumberInput
      size="xs"
      label={t(label)}
      data-testid={`unit-${channel}-${field}`}
      {...euroInput(form, path(channel, field))}
    />
  );
  const plain = (channel: Channel, field: string, label: string) => (
    <NumberInput
      size="xs"
      label={t(label)}
      data-testid={`unit-${channel}-${field}`}
      {...numberInput(form, path(channel, field))}
    />
  );
  const row = (channel: Channel, fields: ReactNode) => (
    <div data-testid={`unit-costs-${channel}`}>
      <Text size="sm" fw={500} mb={4}>
        {t(`channels.${channel}`)}
      </Text>
      <Group grow align="flex-start">
        {fields}
      </Group>
    </div>
  );
  return (
    <Card withBorder>
      <Stack gap="sm">
        <div>
          <Title order={4}>{t('planningSettings.unitCosts.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('planningSettings.unitCosts.hint')}
          </Text>
        </div>
        {row(
          'postal',
          <>
            {euro('postal', 'printingCents', 'campaigns.unit.printing')}
            {euro('postal', 'envelopeCents', 'campaigns.unit.envelope')}
            <Select
              size="xs"
              label={t('campaigns.unit.format')}
              data={POSTAL_FORMATS.map((v) => ({ value: v, label: t(`campaigns.unit.formats.${v}`) }))}
              allowDeselect={false}
              data-testid="unit-postal-format"
              {...form.getInputProps('unitCosts.postal.format')}
            />
            {plain('postal', 'weightGrams', 'campaigns.unit.weight')}
          </>,
        )}
        {row(
          'email',
          <>
            {euro('email', 'pricePerThousandCents', 'campaigns.unit.pricePerThousand')}
            <div />
          </>,
        )}
        {row(
          'sms',
          <>
            {euro('sms', 'pricePerSegmentCents', 'campaigns.unit.pricePerSegment')}
            {plain('sms', 'segments', 'campaigns.unit.segments')}
          </>,
        )}
        {row(
          'voice',
          <>
            {euro('voice', 'pricePerMinuteCents', 'campaigns.unit.pricePerMinute')}
            {plain('voice', 'durationSeconds', 'campaigns.unit.durationSeconds')}
          </>,
        )}
        {row(
          'phone',
          <>
            {euro('phone', 'pricePerMinuteCents', 'campaigns.unit.pricePerCallMinute')}
            {plain('phone', 'minutesPerCall', 'campaigns.unit.minutesPerCall')}
          </>,
        )}
      </Stack>
    </Card>
  );
}
