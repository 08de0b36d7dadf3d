import { Group, NumberInput, Select } from '@mantine/core';
import { POSTAL_FORMATS, type UnitCosts } from '@relance/domain/planning/costs';
import { assertNever } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { euroProps, numberProps, type PlanForm } from './number-fields';
import { unitDefaults } from './planning-defaults';

/** The unit costs of one step, for its channel, each with the workspace's default for the channel underneath. */
export function UnitCostFields({ form, index, unit }: { form: PlanForm; index: number; unit: UnitCosts }) {
  const { t } = useTranslation();
  const f = useFormat();
  const path = (field: string) => `steps.${index}.unit.${field}`;
  const byDefault = (text: string) => t('campaigns.steps.default', { value: text });
  const euro = (label: string, field: string, cents: number) => (
    <NumberInput
      size="xs"
      label={t(label)}
      description={byDefault(f.money(cents))}
      min={0}
      {...euroProps(form, path(field))}
    />
  );
  const plain = (label: string, field: string, value: number) => (
    <NumberInput
      size="xs"
      label={t(label)}
      description={byDefault(f.number(value))}
      min={0}
      {...numberProps(form, path(field))}
    />
  );
  switch (unit.channel) {
    case 'postal': {
      const d = unitDefaults('postal');
      return (
        <Group grow align="flex-start">
          {euro('campaigns.unit.printing', 'printingCents', d.printingCents)}
          {euro('campaigns.unit.envelope', 'envelopeCents', d.envelopeCents)}
          <Select
            size="xs"
            label={t('campaigns.unit.format')}
            description={byDefault(t(`campaigns.unit.formats.${d.format}`))}
            data={POSTAL_FORMATS.map((v) => ({ value: v, label: t(`campaigns.unit.formats.${v}`) }))}
            allowDeselect={false}
            {...form.getInputProps(path('format'))}
          />
          {plain('campaigns.unit.weight', 'weightGrams', d.weightGrams)}
        </Group>
      );
    }
    case 'sms': {
      const d = unitDefaults('sms');
      return (
        <Group grow align="flex-start">
          {euro('campaigns.unit.pricePerSegment', 'pricePerSegmentCents', d.pricePerSegmentCents)}
          {plain('campaigns.unit.segments', 'segments', d.segments)}
        </Group>
      );
    }
    case 'voice': {
      const d = unitDefaults('voice');
      return (
        <Group grow align="flex-start">
          {euro('campaigns.unit.pricePerMinute', 'pricePerMinuteCents', d.pricePerMinuteCents)}
          {plain('campaigns.unit.durationSeconds', 'durationSeconds', d.durationSeconds)}
        </Group>
      );
    }
    case 'email': {
      const d = unitDefaults('email');
      return (
        <Group grow align="flex-start">
          {euro('campaigns.unit.pricePerThousand', 'pricePerThousandCents', d.pricePerThousandCents)}
        </Group>
      );
    }
    case 'phone': {
      const d = unitDefaults('phone');
      return (
        <Group grow align="flex-start">
          {euro('campaigns.unit.pricePerCallMinute', 'pricePerMinuteCents', d.pricePerMinuteCents)}
          {plain('campaigns.unit.minutesPerCall', 'minutesPerCall', d.minutesPerCall)}
        </Group>
      );
    }
    default:
      return assertNever(unit, 'unit costs');
  }
}
