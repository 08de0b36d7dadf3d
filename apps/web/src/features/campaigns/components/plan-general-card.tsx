import {
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CAMPAIGN_KINDS, CAMPAIGN_OBJECTIVES } from '@relance/domain/planning/campaign-input';
import { useTranslation } from 'react-i18next';
import { useAudienceSegments } from '../hooks/use-audience-segments';
import { euroProps, numberProps, type PlanForm, percentProps } from './number-fields';

/** Name, kind, objective, audience, dates. */
export function PlanGeneralCard({ form }: { form: PlanForm }) {
  const { t } = useTranslation();
  const segments = useAudienceSegments(form.values.audience.type === 'segment');
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>{t('campaigns.builder.general')}</Title>
        <TextInput
          label={t('campaigns.fields.name')}
          data-testid="campaign-name"
          {...form.getInputProps('name')}
        />
        <Group grow align="flex-start">
          <Select
            label={t('campaigns.fields.kind')}
            data={CAMPAIGN_KINDS.map((k) => ({ value: k, label: t(`campaigns.kinds.${k}`) }))}
            allowDeselect={false}
            data-testid="campaign-kind"
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('campaigns.fields.objective')}
            data={CAMPAIGN_OBJECTIVES.map((o) => ({ value: o, label: t(`campaigns.objectives.${o}`) }))}
            allowDeselect={false}
            data-testid="campaign-objective"
            {...form.getInputProps('objective')}
          />
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('campaigns.fields.audience')}
          </Text>
          <Group align="flex-start">
            <SegmentedControl
              data={[
                { value: 'all', label: t('campaigns.audience.all') },
                { value: 'tag', label: t('campaigns.audience.tag') },
                { value: 'segment', label: t('segments.audiencePicker.segment') },
                ...(form.values.audience.type === 'survey_wave'
                  ? [{ value: 'survey_wave', label: t('surveys.audience.invitations') }]
                  : []),
              ]}
              data-testid="audience-type"
              {...form.getInputProps('audience.type')}
            />
            {form.values.audience.type === 'tag' && (
              <TextInput
                aria-label={t('campaigns.fields.tag')}
                placeholder={t('campaigns.fields.tag')}
                data-testid="audience-tag"
                style={{ flex: 1 }}
                {...form.getInputProps('audience.tag')}
                error={form.errors['audience.tag'] ?? form.errors.audience}
              />
            )}
            {form.values.audience.type === 'segment' && (
              <Select
                aria-label={t('segments.audiencePicker.choose')}
                placeholder={t('segments.audiencePicker.choose')}
                data={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                searchable
                data-testid="audience-segment"
                style={{ flex: 1 }}
                {...form.getInputProps('audience.segmentId')}
                error={form.errors['audience.id'] ?? form.errors.audience}
              />
            )}
          </Group>
        </div>
        <Group grow align="flex-start">
          <TextInput type="date" label={t('campaigns.fields.startsOn')} {...form.getInputProps('startsOn')} />
          <TextInput type="date" label={t('campaigns.fields.endsOn')} {...form.getInputProps('endsOn')} />
        </Group>
      </Stack>
    </Card>
  );
}

/** Average order value, margin rate and fixed costs (creative, setup, staff, call-centre seats). */
export function PlanEconomicsCard({ form }: { form: PlanForm }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>{t('campaigns.builder.economics')}</Title>
        <Group grow align="flex-start">
          <NumberInput
            label={t('campaigns.fields.averageOrderValue')}
            min={0}
            data-testid="average-order-value"
            {...euroProps(form, 'averageOrderValueCents')}
          />
          <NumberInput
            label={t('campaigns.fields.marginRate')}
            min={0}
            max={100}
            data-testid="margin-rate"
            {...percentProps(form, 'marginRate')}
          />
        </Group>
        <Text size="sm" fw={500}>
          {t('campaigns.builder.fixedCosts')}
        </Text>
        <Group grow align="flex-start">
          <NumberInput
            label={t('campaigns.fields.creative')}
            min={0}
            {...euroProps(form, 'fixed.creativeCents')}
          />
          <NumberInput label={t('campaigns.fields.setup')} min={0} {...euroProps(form, 'fixed.setupCents')} />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t('campaigns.fields.staffHours')}
            min={0}
            {...numberProps(form, 'fixed.staffHours')}
          />
          <NumberInput
            label={t('campaigns.fields.staffHourlyRate')}
            min={0}
            {...euroProps(form, 'fixed.staffHourlyRateCents')}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t('campaigns.fields.seats')}
            min={0}
            allowDecimal={false}
            {...numberProps(form, 'fixed.callCentre.seats')}
          />
          <NumberInput
            label={t('campaigns.fields.seatDays')}
            min={0}
            {...numberProps(form, 'fixed.callCentre.days')}
          />
          <NumberInput
            label={t('campaigns.fields.seatDayRate')}
            min={0}
            {...euroProps(form, 'fixed.callCentre.seatDayRateCents')}
          />
        </Group>
      </Stack>
    </Card>
  );
}
