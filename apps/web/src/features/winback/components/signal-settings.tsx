import {
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { numberInput, type WinbackForm } from './settings-inputs';

/** Warning signals, occasional buyers and the churn model's horizon. */
export function SignalSettings({ form }: { form: WinbackForm }) {
  const { t } = useTranslation();
  const switchProps = (path: string) => form.getInputProps(path, { type: 'checkbox' });
  return (
    <Stack>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('winback.settings.signals')}
        </Title>
        <Stack gap="sm">
          <Switch label={t('winback.settings.anniversary')} {...switchProps('signals.anniversary.enabled')} />
          <Group grow>
            <NumberInput
              label={t('winback.settings.leadDays')}
              {...numberInput(form, 'signals.anniversary.leadDays')}
            />
            <NumberInput
              label={t('winback.settings.graceDays')}
              {...numberInput(form, 'signals.anniversary.graceDays')}
            />
          </Group>
          <Switch label={t('winback.settings.trendDown')} {...switchProps('signals.trendDown.enabled')} />
          <NumberInput
            label={t('winback.settings.threshold')}
            w={200}
            {...numberInput(form, 'signals.trendDown.dropShare', 'percent')}
          />
          <Switch
            label={t('winback.settings.complaintsUp')}
            {...switchProps('signals.complaintsUp.enabled')}
          />
          <Group grow>
            <NumberInput
              label={t('winback.settings.windowDays')}
              {...numberInput(form, 'signals.complaintsUp.windowDays')}
            />
            <NumberInput
              label={t('winback.settings.minCount')}
              {...numberInput(form, 'signals.complaintsUp.minCount')}
            />
          </Group>
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('winback.settings.occasional')}
        </Title>
        <Stack gap="xs">
          <Checkbox label={t('winback.settings.singleOrder')} {...switchProps('occasional.singleOrder')} />
          <Checkbox label={t('winback.settings.promoOnly')} {...switchProps('occasional.promoOnly')} />
          <Checkbox
            label={t('winback.settings.affiliateOnly')}
            {...switchProps('occasional.affiliateOnly')}
          />
          <TagsInput
            label={t('winback.settings.affiliateSources')}
            {...form.getInputProps('occasional.affiliateSources')}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('winback.settings.treatment')}
            </Text>
            <SegmentedControl
              data={(['apart', 'exclude'] as const).map((v) => ({
                value: v,
                label: t(`winback.settings.treatments.${v}`),
              }))}
              {...form.getInputProps('occasional.treatment')}
            />
          </div>
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('winback.settings.churn')}
        </Title>
        <Stack gap="sm">
          <NumberInput
            label={t('winback.settings.horizonMonths')}
            w={260}
            {...numberInput(form, 'churn.horizonMonths')}
          />
          <Switch
            label={t('winback.settings.alertAboveOff')}
            checked={form.values.churn.alertAbove === null}
            onChange={(e) => form.setFieldValue('churn.alertAbove', e.currentTarget.checked ? null : 0.8)}
          />
          {form.values.churn.alertAbove !== null && (
            <NumberInput
              label={t('winback.settings.alertAbove')}
              w={260}
              {...numberInput(form, 'churn.alertAbove', 'percent')}
            />
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
