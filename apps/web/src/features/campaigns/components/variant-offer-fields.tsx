import { Group, NumberInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { OFFER_TYPES, type OfferType } from '@relance/domain/planning/offers';
import { useTranslation } from 'react-i18next';
import { euroProps, type PlanForm, percentProps } from './number-fields';
import { type OfferInput, offerOfType } from './test-plan-values';

/**
 * A variant's offer at `path` (`steps.0.variants.1.offer`). For an incentive variant (`locked`) the type and
 * description stay the campaign's: only the incentive's value and the expected take-up are edited.
 */
export function VariantOfferFields({
  form,
  path,
  offer,
  locked,
}: {
  form: PlanForm;
  path: string;
  offer: OfferInput;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const error = (field: string) => form.errors[`${path}.${field}`];
  return (
    <Stack gap="xs">
      {!locked && (
        <>
          <SegmentedControl
            aria-label={t('campaignTest.offer.type')}
            data={OFFER_TYPES.map((type) => ({ value: type, label: t(`campaignTest.offer.types.${type}`) }))}
            value={offer.type}
            data-testid="variant-offer-type"
            onChange={(v) => form.setFieldValue(path, offerOfType(v as OfferType, offer))}
          />
          <TextInput
            label={t('campaignTest.offer.description')}
            data-testid="variant-offer-description"
            {...form.getInputProps(`${path}.description`)}
            error={error('description') ?? error('type')}
          />
        </>
      )}
      <Group grow align="flex-start">
        {offer.type === 'financial' && (
          <>
            <SegmentedControl
              data={[
                { value: 'percent', label: t('campaignTest.offer.discountKinds.percent') },
                { value: 'amount', label: t('campaignTest.offer.discountKinds.amount') },
              ]}
              value={offer.discount.kind}
              data-testid="variant-offer-discount-kind"
              onChange={(kind) =>
                form.setFieldValue(
                  `${path}.discount`,
                  kind === 'amount' ? { kind, amountCents: 1_000 } : { kind: 'percent', rate: 0.1 },
                )
              }
            />
            {offer.discount.kind === 'percent' ? (
              <NumberInput
                label={t('campaignTest.offer.discountPercent')}
                min={0}
                max={100}
                data-testid="variant-offer-discount"
                {...percentProps(form, `${path}.discount.rate`)}
              />
            ) : (
              <NumberInput
                label={t('campaignTest.offer.discountAmount')}
                min={0}
                data-testid="variant-offer-discount"
                {...euroProps(form, `${path}.discount.amountCents`)}
              />
            )}
          </>
        )}
        {offer.type === 'material' && (
          <NumberInput
            label={t('campaignTest.offer.giftValue')}
            min={0}
            data-testid="variant-offer-gift"
            {...euroProps(form, `${path}.giftValueCents`)}
          />
        )}
        {offer.type === 'emotional' && (
          <NumberInput
            label={t('campaignTest.offer.costPerTaker')}
            min={0}
            data-testid="variant-offer-cost"
            {...euroProps(form, `${path}.costPerTakerCents`)}
          />
        )}
        <NumberInput
          label={t('campaignTest.offer.expectedTakeUp')}
          min={0}
          max={100}
          data-testid="variant-offer-take-up"
          {...percentProps(form, `${path}.expectedTakeUp`)}
        />
      </Group>
    </Stack>
  );
}
