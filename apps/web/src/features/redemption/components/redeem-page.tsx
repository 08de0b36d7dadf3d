import { Alert, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../lib/format';
import type { CodeDescription, Recorded } from '../api/redemption';
import { useConversionSummary, useLookupCode, useRecordRedemption } from '../hooks/use-redemption';
import { CodeDetails } from './code-details';
import { RecordForm, type RecordValues } from './record-form';

interface Logged {
  recorded: Recorded;
  code: string;
  campaign: string;
}

const newKey = () => crypto.randomUUID();

/**
 * The counter's screen: type or scan a code (a barcode scanner types the tracked URL of the letter's QR code and
 * presses Enter), see what it is, record a response, a quote or a sale. One idempotency key per code shown: a
 * double click on "record" records once; the next code gets a new key.
 */
export function RedeemPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<CodeDescription | null>(null);
  const [key, setKey] = useState(newKey);
  const [log, setLog] = useState<Logged[]>([]);
  const lookup = useLookupCode();
  const record = useRecordRedemption();
  const summary = useConversionSummary();

  const focusInput = () => requestAnimationFrame(() => input.current?.focus());

  const onLookup = (event: React.FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    record.reset();
    lookup.mutate(text, {
      onSuccess: (answer) => {
        setFound(answer);
        setKey(newKey());
        if (answer.outcome === 'typo' || answer.outcome === 'unknown') {
          focusInput();
          input.current?.select();
        }
      },
      onError: () => setFound(null),
    });
  };

  const onRecord = (values: RecordValues) => {
    if (!found || (found.outcome !== 'tracking' && found.outcome !== 'coupon')) return;
    const shown = found;
    record.mutate(
      { code: shown.code, idempotencyKey: key, ...values },
      {
        onSuccess: (recorded) => {
          setLog((l) => [{ recorded, code: shown.code, campaign: shown.campaign.name }, ...l].slice(0, 20));
          setFound(null);
          setText('');
          focusInput();
        },
      },
    );
  };

  const last = log[0];
  const match = found && (found.outcome === 'tracking' || found.outcome === 'coupon') ? found : null;

  return (
    <>
      <PageHeader title={t('redemption.title')} subtitle={t('redemption.subtitle')} />
      <Stack maw={760}>
        <form onSubmit={onLookup} noValidate data-testid="redeem-lookup-form">
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              ref={input}
              size="xl"
              style={{ flex: 1 }}
              label={t('redemption.codeLabel')}
              description={t('redemption.codeHint')}
              placeholder="K7QMZ-4XPTR"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autoFocus
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.08em' } }}
              data-testid="redeem-code"
            />
            <Button type="submit" size="xl" loading={lookup.isPending} data-testid="redeem-lookup">
              {t('redemption.lookup')}
            </Button>
          </Group>
        </form>

        <ProblemAlert error={lookup.error} />
        {found?.outcome === 'typo' && (
          <Alert color="orange" title={t('redemption.typoTitle')} data-testid="redeem-typo">
            {t('redemption.typo')}
          </Alert>
        )}
        {found?.outcome === 'unknown' && (
          <Alert color="red" title={t('redemption.unknownTitle')} data-testid="redeem-unknown">
            {t('redemption.unknown')}
          </Alert>
        )}
        {last && !match && (
          <Alert color="teal" title={t('redemption.doneTitle')} data-testid="redeem-done">
            {t(
              last.recorded.duplicate ? 'redemption.doneDuplicate' : `redemption.done.${last.recorded.kind}`,
              {
                amount: f.money(last.recorded.amountCents),
                campaign: last.campaign,
              },
            )}
            {last.recorded.sendId === null ? ` ${t('redemption.campaignLevel')}` : ''}
          </Alert>
        )}
        {match && (
          <>
            <CodeDetails found={match} />
            <Card withBorder>
              <ProblemAlert error={record.error} />
              <RecordForm
                key={key}
                coupon={match.outcome === 'coupon'}
                pending={record.isPending}
                error={record.error}
                onSubmit={onRecord}
              />
            </Card>
          </>
        )}

        {log.length > 0 && (
          <Card withBorder>
            <Text fw={500} mb="xs">
              {t('redemption.log')}
            </Text>
            <Table data-testid="redeem-log">
              <Table.Tbody>
                {log.map((l) => (
                  <Table.Tr key={l.recorded.conversionId}>
                    <Table.Td ff="monospace">{l.code}</Table.Td>
                    <Table.Td>{l.campaign}</Table.Td>
                    <Table.Td>{t(`redemption.kinds.${l.recorded.kind}`)}</Table.Td>
                    <Table.Td ta="right">{f.money(l.recorded.amountCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        )}

        {summary.data && summary.data.unattributed.count > 0 && (
          <Text size="sm" c="dimmed" data-testid="redeem-unattributed">
            {t('redemption.unattributed', {
              count: summary.data.unattributed.count,
              amount: f.money(summary.data.unattributed.salesCents),
            })}
          </Text>
        )}
      </Stack>
    </>
  );
}
