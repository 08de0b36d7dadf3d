import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { VARIANT_PARAMETERS, type VariantParameter } from '@relance/domain/planning/test-plan';
import { CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { emptyContent } from './content/content-values';
import { LandingUrlField } from './landing-url-field';
import { numberProps, type PlanForm } from './number-fields';
import { newTestPlan, newVariant, variantLabel, withParameter } from './test-plan-values';
import { VariantMessageFields } from './variant-message-fields';
import { VariantOfferFields } from './variant-offer-fields';

/**
 * A step's test variants: A is the step as planned; B and C each change one parameter of it (the message, the
 * offer, the channel, the day or the incentive), edited here. Adding the first variant of the campaign turns
 * the test plan on.
 */
export function VariantsEditor({
  form,
  index,
  readOnly,
}: {
  form: PlanForm;
  index: number;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const step = form.values.steps[index]!;
  const variants = step.variants;
  const campaignOffer = form.values.offer;
  const ownError = form.errors[`steps.${index}.variants`];

  const add = () => {
    form.insertListItem(`steps.${index}.variants`, newVariant(step, campaignOffer));
    if (!form.values.testPlan) form.setFieldValue('testPlan', newTestPlan(form.values.steps[0]));
  };

  return (
    <>
      <Divider />
      <Group justify="space-between">
        <Text fw={500} size="sm">
          {t('campaignTest.variants.title')}
        </Text>
        {!readOnly && variants.length < 2 && (
          <Button size="xs" variant="light" data-testid="add-variant" onClick={add}>
            {t('campaignTest.variants.add', { label: variantLabel(variants.length) })}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {variants.length === 0 ? t('campaignTest.variants.none') : t('campaignTest.variants.a')}
      </Text>
      {typeof ownError === 'string' && (
        <Text size="sm" c="red">
          {ownError}
        </Text>
      )}
      {variants.map((variant, j) => {
        const label = variantLabel(j);
        const path = `steps.${index}.variants.${j}`;
        const wholeError = (field: string) => {
          const message = form.errors[`${path}.${field}`];
          return typeof message === 'string' ? message : null;
        };
        return (
          <Paper key={variant.key} withBorder p="xs" data-testid="variant" data-label={label}>
            <Stack gap="xs">
              <Group justify="space-between" align="flex-end" wrap="nowrap">
                <Group gap="xs" align="flex-end" wrap="nowrap" style={{ flex: 1 }}>
                  <Badge variant="filled" color="grape" circle size="lg">
                    {label}
                  </Badge>
                  <Select
                    style={{ flex: 1 }}
                    label={t('campaignTest.variants.differsOn', { label })}
                    data={VARIANT_PARAMETERS.map((p) => ({
                      value: p,
                      label: t(`campaignTest.variants.parameters.${p}`),
                    }))}
                    allowDeselect={false}
                    value={variant.differsOn}
                    error={wholeError('differsOn')}
                    data-testid="variant-parameter"
                    onChange={(v) =>
                      v &&
                      form.setFieldValue(
                        path,
                        withParameter(variant, step, campaignOffer, v as VariantParameter),
                      )
                    }
                  />
                </Group>
                {!readOnly && (
                  <Tooltip label={t('campaignTest.variants.remove', { label })}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('campaignTest.variants.remove', { label })}
                      data-testid="remove-variant"
                      onClick={() => form.removeListItem(`steps.${index}.variants`, j)}
                    >
                      ✕
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              <VariantParameterFields form={form} index={index} j={j} />
              {['offer', 'content'].map((field) =>
                wholeError(field) ? (
                  <Text key={field} size="sm" c="red" data-testid="variant-error">
                    {wholeError(field)}
                  </Text>
                ) : null,
              )}
            </Stack>
          </Paper>
        );
      })}
    </>
  );
}

/** The fields of the one parameter the variant changes. */
function VariantParameterFields({ form, index, j }: { form: PlanForm; index: number; j: number }) {
  const { t } = useTranslation();
  const step = form.values.steps[index]!;
  const variant = step.variants[j]!;
  const label = variantLabel(j);
  const path = `steps.${index}.variants.${j}`;
  switch (variant.differsOn) {
    case 'timing':
      return (
        <NumberInput
          label={t('campaignTest.variants.offsetDays', { label })}
          prefix="D+"
          min={0}
          allowDecimal={false}
          w={200}
          data-testid="variant-offset"
          {...numberProps(form, `${path}.offsetDays`)}
        />
      );
    case 'channel':
      return (
        <Stack gap="xs">
          <Select
            label={t('campaignTest.variants.channel', { label })}
            data={CHANNELS.filter((c) => c !== step.channel).map((c) => ({
              value: c,
              label: t(`channels.${c}`),
            }))}
            allowDeselect={false}
            w={240}
            value={variant.channel}
            error={form.errors[`${path}.channel`]}
            data-testid="variant-channel"
            onChange={(v) =>
              v &&
              form.setFieldValue(path, {
                ...variant,
                channel: v as Channel,
                content: emptyContent(v as Channel),
              })
            }
          />
          <Text size="xs" c="dimmed">
            {t('campaignTest.variants.channelMessage')}
          </Text>
          <VariantMessageFields form={form} path={`${path}.content`} channel={variant.channel} />
        </Stack>
      );
    case 'message':
      return (
        <Stack gap="xs">
          <VariantMessageFields form={form} path={`${path}.content`} channel={step.channel} />
          <LandingUrlField form={form} path={`${path}.landingUrl`} level="variant" />
        </Stack>
      );
    case 'offer':
      return <VariantOfferFields form={form} path={`${path}.offer`} offer={variant.offer} locked={false} />;
    case 'incentive': {
      const campaignOffer = form.values.offer;
      if (!campaignOffer) {
        return (
          <Text size="sm" c="orange.8">
            {t('campaignTest.variants.noCampaignOffer')}
          </Text>
        );
      }
      return (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('campaignTest.variants.incentiveOf', {
              description: campaignOffer.description || t(`campaignTest.offer.types.${campaignOffer.type}`),
            })}
          </Text>
          <VariantOfferFields form={form} path={`${path}.offer`} offer={variant.offer} locked />
          {(form.errors[`${path}.offer.type`] || form.errors[`${path}.offer.description`]) && (
            <Group gap="xs">
              <Text size="sm" c="red" data-testid="variant-error">
                {form.errors[`${path}.offer.type`] ?? form.errors[`${path}.offer.description`]}
              </Text>
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => form.setFieldValue(`${path}.offer`, structuredClone(campaignOffer))}
              >
                {t('campaignTest.variants.resetOffer')}
              </Button>
            </Group>
          )}
        </Stack>
      );
    }
    default: {
      const never: never = variant.differsOn;
      return never;
    }
  }
}
