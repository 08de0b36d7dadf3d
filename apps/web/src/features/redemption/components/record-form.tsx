import { Button, Group, NumberInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { CONVERSION_KINDS, type ConversionKind } from '@relance/domain/tracking/attribution';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-error';

export interface RecordValues {
  kind: ConversionKind;
  amountCents: number | null;
  email?: string;
  phone?: string;
}

interface Props {
  /** a coupon: ask who redeems it (optional) */
  coupon: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (values: RecordValues) => void;
}

/** What to record on the code: a response, a quote or a sale with its amount; Enter in any field confirms. */
export function RecordForm({ coupon, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ConversionKind>('sold');
  const [euros, setEuros] = useState<string | number>('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const apiError = error instanceof ApiError ? error : null;
  const needsAmount = kind !== 'responded';

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (pending) return;
        const value = typeof euros === 'number' ? euros : Number.parseFloat(String(euros).replace(',', '.'));
        onSubmit({
          kind,
          amountCents: needsAmount && Number.isFinite(value) ? Math.round(value * 100) : null,
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
        });
      }}
      data-testid="redeem-record-form"
    >
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as ConversionKind)}
          data={CONVERSION_KINDS.map((k) => ({ value: k, label: t(`redemption.kinds.${k}`) }))}
          data-testid="redeem-kind"
        />
        {needsAmount && (
          <NumberInput
            size="lg"
            label={t(kind === 'sold' ? 'redemption.saleAmount' : 'redemption.quoteAmount')}
            value={euros}
            onChange={setEuros}
            min={0}
            decimalScale={2}
            decimalSeparator=","
            suffix=" €"
            data-autofocus
            error={apiError?.fieldError('amountCents')}
            data-testid="redeem-amount"
          />
        )}
        {coupon && (
          <Group grow align="flex-start">
            <TextInput
              label={t('redemption.email')}
              description={t('redemption.couponWho')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={apiError?.fieldError('email')}
              data-testid="redeem-email"
            />
            <TextInput
              label={t('redemption.phone')}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={apiError?.fieldError('phone')}
              data-testid="redeem-phone"
            />
          </Group>
        )}
        <Group justify="flex-end">
          <Button type="submit" size="lg" loading={pending} data-testid="redeem-confirm">
            {t(`redemption.confirm.${kind}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
