import {
  Alert,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { CampaignInput } from '@relance/domain/planning/campaign-input';
import {
  incentiveValueCents,
  OFFER_TYPES,
  type OfferType,
  offerSchema,
} from '@relance/domain/planning/offers';
import { assertNever } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { OfferWarning } from '../api/campaigns';
import { euroProps, type PlanForm, percentProps } from './number-fields';

type OfferInput = NonNullable<CampaignInput['offer']>;

/** A fresh offer of `type`, keeping the description, coupon code and take-up of the one it replaces. */
function offerOf(type: OfferType, previous: OfferInput | null | undefined): OfferInput {
  const common = {
    description: previous?.description ?? '',
    couponCode: previous?.couponCode ?? '',
    expectedTakeUp: previous?.expectedTakeUp ?? 0.8,
  };
  switch (type) {
    case 'emotional':
      return { type, ...common, costPerTakerCents: 0 };
    case 'material':
      return { type, ...common, giftValueCents: 1_000 };
    case 'financial':
      return { type, ...common, discount: { kind: 'percent', rate: 0.1 } };
    default:
      return assertNever(type, 'offer type');
  }
}

/**
 * The campaign's offer and its incentive (la carotte): emotional, material or financial, what it costs each
 * time it is taken, the expected take-up among buyers, and the warnings of the live forecast (a discount above
 * the workspace's threshold, contacts already discounted recently, an incentive above the margin of a sale).
 */
export function OfferCard({
  form,
  warnings,
  incentiveCents,
}: {
  form: PlanForm;
  warnings: readonly OfferWarning[] | undefined;
  /** the forecast's expected incentive cost */
  incentiveCents: number | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const offer = form.values.offer;
  const percent = (x: number | undefined) =>
    new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(x ?? 0);
  const parsed = offer ? offerSchema.safeParse(offer) : null;
  const perTaker =
    parsed?.success && Number.isFinite(form.values.averageOrderValueCents)
      ? incentiveValueCents(parsed.data, form.values.averageOrderValueCents)
      : null;

  const warningText = (w: OfferWarning) => {
    switch (w.code) {
      case 'discount_addiction':
        return t('campaignOffer.warnings.discount_addiction', {
          share: percent(w.discountShare),
          threshold: percent(w.threshold),
        });
      case 'recently_discounted':
        return t('campaignOffer.warnings.recently_discounted', {
          contacts: f.number(w.contacts),
          days: w.days,
        });
      case 'incentive_exceeds_margin':
        return t('campaignOffer.warnings.incentive_exceeds_margin', {
          incentive: f.money(w.incentiveCents),
          margin: f.money(w.marginPerSaleCents),
        });
      default:
        return assertNever(w.code, 'offer warning');
    }
  };

  return (
    <Card withBorder data-testid="offer-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('campaignOffer.title')}</Title>
          <Switch
            label={t('campaignOffer.enabled')}
            checked={Boolean(offer)}
            data-testid="offer-enabled"
            onChange={(e) =>
              form.setFieldValue('offer', e.currentTarget.checked ? offerOf('financial', null) : null)
            }
          />
        </Group>
        {!offer ? (
          <Text size="sm" c="dimmed">
            {t('campaignOffer.none')}
          </Text>
        ) : (
          <>
            <SegmentedControl
              data={OFFER_TYPES.map((type) => ({ value: type, label: t(`campaignOffer.types.${type}`) }))}
              value={offer.type}
              data-testid="offer-type"
              onChange={(v) => form.setFieldValue('offer', offerOf(v as OfferType, offer))}
            />
            <Text size="xs" c="dimmed">
              {t(`campaignOffer.hints.${offer.type}`)}
            </Text>
            <Textarea
              label={t('campaignOffer.description')}
              autosize
              minRows={1}
              data-testid="offer-description"
              {...form.getInputProps('offer.description')}
            />
            <TextInput
              label={t('campaignOffer.couponCode')}
              description={t('campaignOffer.couponCodeHint', { field: '{{couponCode}}' })}
              placeholder="BIENVENUE10"
              maxLength={30}
              data-testid="offer-coupon-code"
              {...form.getInputProps('offer.couponCode')}
              value={offer.couponCode ?? ''}
            />
            <Group grow align="flex-start">
              {offer.type === 'financial' && (
                <>
                  <SegmentedControl
                    data={[
                      { value: 'percent', label: t('campaignOffer.discountKinds.percent') },
                      { value: 'amount', label: t('campaignOffer.discountKinds.amount') },
                    ]}
                    value={offer.discount.kind}
                    data-testid="offer-discount-kind"
                    onChange={(kind) =>
                      form.setFieldValue(
                        'offer.discount',
                        kind === 'amount' ? { kind, amountCents: 1_000 } : { kind: 'percent', rate: 0.1 },
                      )
                    }
                  />
                  {offer.discount.kind === 'percent' ? (
                    <NumberInput
                      label={t('campaignOffer.discountPercent')}
                      min={0}
                      max={100}
                      data-testid="offer-discount-percent"
                      {...percentProps(form, 'offer.discount.rate')}
                    />
                  ) : (
                    <NumberInput
                      label={t('campaignOffer.discountAmount')}
                      min={0}
                      data-testid="offer-discount-amount"
                      {...euroProps(form, 'offer.discount.amountCents')}
                    />
                  )}
                </>
              )}
              {offer.type === 'material' && (
                <NumberInput
                  label={t('campaignOffer.giftValue')}
                  min={0}
                  data-testid="offer-gift-value"
                  {...euroProps(form, 'offer.giftValueCents')}
                />
              )}
              {offer.type === 'emotional' && (
                <NumberInput
                  label={t('campaignOffer.costPerTaker')}
                  min={0}
                  data-testid="offer-cost-per-taker"
                  {...euroProps(form, 'offer.costPerTakerCents')}
                />
              )}
              <NumberInput
                label={t('campaignOffer.expectedTakeUp')}
                description={t('campaignOffer.expectedTakeUpHint')}
                min={0}
                max={100}
                data-testid="offer-take-up"
                {...percentProps(form, 'offer.expectedTakeUp')}
              />
            </Group>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('campaignOffer.incentiveValue')}
              </Text>
              <Text size="sm" fw={500} data-testid="offer-incentive-value">
                {f.money(perTaker === null ? null : Math.round(perTaker))}
              </Text>
            </Group>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('campaignOffer.incentiveCost')}
              </Text>
              <Text size="sm" fw={500} data-testid="offer-incentive-cost">
                {f.money(incentiveCents)}
              </Text>
            </Group>
            {(warnings ?? []).map((w) => (
              <Alert key={w.code} color="orange" variant="light" data-testid={`offer-warning-${w.code}`}>
                {warningText(w)}
              </Alert>
            ))}
          </>
        )}
      </Stack>
    </Card>
  );
}
