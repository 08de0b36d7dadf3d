import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { StepContentSection } from './content/step-content-section';
import { LandingUrlField } from './landing-url-field';
import { numberProps, type PlanForm, percentProps } from './number-fields';
import { moveStep, newStep, removeStep, TARGET_TYPES, type TargetType, withChannel } from './plan-values';
import { rateDefaults } from './planning-defaults';
import { SendWindowFields } from './send-window-fields';
import { UnitCostFields } from './unit-cost-fields';
import { VariantsEditor } from './variants-editor';

/** The ordered channel steps: add, remove, move up or down; each with its day, target, rates and unit costs. */
export function StepsEditor({ form, readOnly }: { form: PlanForm; readOnly: boolean }) {
  const { t } = useTranslation();
  const steps = form.values.steps;
  const pct = (x: number) => `${Math.round(x * 10_000) / 100} %`;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('campaigns.builder.steps')}</Title>
          {!readOnly && (
            <Button
              size="xs"
              variant="light"
              data-testid="add-step"
              onClick={() => {
                const last = steps.at(-1);
                form.insertListItem(
                  'steps',
                  newStep('email', last ? last.offsetDays + 7 : 0, {
                    type: steps.length ? 'non_responders' : 'everyone',
                    step: 1,
                  }),
                );
              }}
            >
              {t('campaigns.steps.add')}
            </Button>
          )}
        </Group>
        <LandingUrlField form={form} path="landingUrl" level="campaign" />
        {typeof form.errors.steps === 'string' && (
          <Text c="red" size="sm">
            {form.errors.steps}
          </Text>
        )}
        {steps.map((step, i) => {
          const rates = rateDefaults(step.channel);
          const aimed = step.target.type === 'openers_clickers' || step.target.type === 'responders';
          return (
            <Card key={step.key} withBorder bg="gray.0" data-testid="step" data-index={i}>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Group gap="xs">
                    <Badge variant="filled" color="teal" circle>
                      {i + 1}
                    </Badge>
                    <Text fw={500} size="sm">
                      {t(`channels.${step.channel}`)} · D+
                      {Number.isFinite(step.offsetDays) ? step.offsetDays : '?'}
                    </Text>
                  </Group>
                  {!readOnly && (
                    <Group gap={4}>
                      <Tooltip label={t('campaigns.steps.up')}>
                        <ActionIcon
                          variant="subtle"
                          disabled={i === 0}
                          aria-label={t('campaigns.steps.up')}
                          onClick={() => form.setFieldValue('steps', moveStep(steps, i, i - 1))}
                        >
                          ↑
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('campaigns.steps.down')}>
                        <ActionIcon
                          variant="subtle"
                          disabled={i === steps.length - 1}
                          aria-label={t('campaigns.steps.down')}
                          onClick={() => form.setFieldValue('steps', moveStep(steps, i, i + 1))}
                        >
                          ↓
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('campaigns.steps.remove')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          disabled={steps.length === 1}
                          aria-label={t('campaigns.steps.remove')}
                          data-testid="remove-step"
                          onClick={() => form.setFieldValue('steps', removeStep(steps, i))}
                        >
                          ✕
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  )}
                </Group>
                <Group grow align="flex-start">
                  <Select
                    label={t('campaigns.steps.channel')}
                    data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
                    allowDeselect={false}
                    data-testid="step-channel"
                    value={step.channel}
                    error={form.errors[`steps.${i}.channel`]}
                    onChange={(v) => v && form.setFieldValue(`steps.${i}`, withChannel(step, v as Channel))}
                  />
                  <NumberInput
                    label={t('campaigns.steps.offsetDays')}
                    prefix="D+"
                    min={0}
                    allowDecimal={false}
                    data-testid="step-offset"
                    {...numberProps(form, `steps.${i}.offsetDays`)}
                  />
                </Group>
                <Group grow align="flex-start">
                  <Select
                    label={t('campaigns.steps.target')}
                    data={TARGET_TYPES.map((type) => ({
                      value: type,
                      label: t(`campaigns.targets.${type}`),
                    }))}
                    allowDeselect={false}
                    data-testid="step-target"
                    value={step.target.type}
                    error={form.errors[`steps.${i}.target`]}
                    onChange={(v) => v && form.setFieldValue(`steps.${i}.target.type`, v as TargetType)}
                  />
                  {aimed ? (
                    <NumberInput
                      label={t('campaigns.steps.targetStep')}
                      min={1}
                      allowDecimal={false}
                      data-testid="step-target-step"
                      {...numberProps(form, `steps.${i}.target.step`)}
                    />
                  ) : (
                    <div />
                  )}
                </Group>
                <Group grow align="flex-start">
                  <NumberInput
                    label={t('campaigns.steps.responseRate')}
                    description={t('campaigns.steps.default', { value: pct(rates.responseRate) })}
                    min={0}
                    max={100}
                    data-testid="step-response-rate"
                    {...percentProps(form, `steps.${i}.responseRate`)}
                  />
                  <NumberInput
                    label={t('campaigns.steps.conversionRate')}
                    description={t('campaigns.steps.default', { value: pct(rates.conversionRate) })}
                    min={0}
                    max={100}
                    data-testid="step-conversion-rate"
                    {...percentProps(form, `steps.${i}.conversionRate`)}
                  />
                  {step.target.type === 'openers_clickers' ? (
                    <NumberInput
                      label={t('campaigns.steps.engagementRate')}
                      description={t('campaigns.steps.default', { value: pct(0.2) })}
                      min={0}
                      max={100}
                      data-testid="step-engagement-rate"
                      {...percentProps(form, `steps.${i}.engagementRate`)}
                    />
                  ) : null}
                </Group>
                <UnitCostFields form={form} index={i} unit={step.unit} />
                <SendWindowFields
                  form={form}
                  index={i}
                  channel={step.channel}
                  window={step.sendWindow}
                  readOnly={readOnly}
                />
                <StepContentSection form={form} index={i} readOnly={readOnly} />
                <LandingUrlField form={form} path={`steps.${i}.landingUrl`} level="step" />
                <VariantsEditor form={form} index={i} readOnly={readOnly} />
              </Stack>
            </Card>
          );
        })}
      </Stack>
    </Card>
  );
}
