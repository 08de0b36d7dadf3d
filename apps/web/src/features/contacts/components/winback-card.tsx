import { Badge, Card, Group, List, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useWinbackEvidence } from '../../../lib/winback-evidence';
import type { ContactWinback } from '../api/winback';
import { useContactWinback } from '../hooks/use-contact-winback';
import { LostReasonCard } from './lost-reason-card';
import { ReactivationCard } from './reactivation-card';

function ChurnBlock({ churn }: { churn: NonNullable<ContactWinback['churn']> }) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const colour = churn.probability >= 0.6 ? 'red' : churn.probability >= 0.3 ? 'orange' : 'teal';
  return (
    <div>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {t('winback.contact.probability', { months: churn.horizonMonths })}
        </Text>
        <Text fw={700} c={`${colour}.7`} data-testid="churn-probability">
          {percent.format(churn.probability)}
        </Text>
      </Group>
      <Progress value={churn.probability * 100} color={colour} size="sm" mb={4} />
      <Text size="xs" c="dimmed">
        {t('winback.contact.factors')}
      </Text>
      <List size="sm" data-testid="churn-factors">
        {churn.factors.map((factor) => (
          <List.Item key={factor.feature}>
            {t(`winback.model.features.${factor.feature}`)}:{' '}
            <Text span c={factor.contribution > 0 ? 'red.7' : 'teal.7'} size="sm">
              {factor.contribution > 0 ? t('winback.contact.raises') : t('winback.contact.lowers')}
            </Text>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/**
 * The contact's win-back: former customer or not (and the file's history), occasional-buyer reasons, warning
 * signals with their evidence, probability of leaving with its main factors; then the reactivation score and
 * the lost reasons.
 */
export function WinbackCard({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const evidence = useWinbackEvidence();
  const query = useContactWinback(contactId);
  if (query.isPending)
    return (
      <Card withBorder>
        <LoadingState />
      </Card>
    );
  if (query.isError) return <ProblemAlert error={query.error} />;
  const w = query.data;
  return (
    <Stack data-testid="contact-winback">
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('winback.contact.title')}</Title>
          {w.computedAt &&
            (w.formerSince ? (
              <Badge color="gray" variant="filled" data-testid="winback-status">
                {t('winback.contact.formerBadge')}
              </Badge>
            ) : (
              <Badge color="teal" variant="light" data-testid="winback-status">
                {t('winback.contact.active')}
              </Badge>
            ))}
        </Group>
        {!w.computedAt ? (
          <Text size="sm" c="dimmed">
            {t('winback.contact.pending')}
          </Text>
        ) : (
          <Stack gap="sm">
            {w.formerSince && (
              <Text size="sm" data-testid="winback-since">
                {t('winback.contact.former', {
                  date: f.date(w.formerSince),
                  reason: t(`winback.formerReasons.${w.formerReason ?? 'no_order'}`),
                })}
              </Text>
            )}
            {w.occasionalReasons.length > 0 && (
              <Text size="sm" data-testid="occasional">
                {t('winback.contact.occasional', {
                  reasons: w.occasionalReasons.map((r) => t(`winback.occasionalReasons.${r}`)).join(', '),
                })}
              </Text>
            )}
            {!w.formerSince && (
              <div>
                <Text size="sm" fw={500}>
                  {t('winback.contact.signals')}
                </Text>
                {w.signals.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('winback.contact.noSignals')}
                  </Text>
                ) : (
                  <Stack gap={4} data-testid="signals">
                    {w.signals.map((s) => (
                      <div key={s.kind} data-testid={`signal-${s.kind}`}>
                        <Badge color="orange" variant="light" size="sm">
                          {t(`winback.signals.${s.kind}`)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {evidence(s.kind, s.evidence)}
                        </Text>
                      </div>
                    ))}
                  </Stack>
                )}
              </div>
            )}
            {w.churn ? (
              <ChurnBlock churn={w.churn} />
            ) : (
              !w.formerSince && (
                <Text size="xs" c="dimmed">
                  {t('winback.contact.noProbability')}
                </Text>
              )
            )}
            {w.stays.length > 0 && (
              <Tooltip label={t('winback.contact.stays')}>
                <Text size="xs" c="dimmed">
                  {t('winback.contact.stays')}:{' '}
                  {w.stays
                    .map((s) =>
                      s.leftAt
                        ? `${t('winback.contact.stay', { entered: f.date(s.enteredAt), left: f.date(s.leftAt) })} (${t(`winback.formerExits.${s.exit ?? 'ordered_again'}`)})`
                        : t('winback.contact.stayOpen', { entered: f.date(s.enteredAt) }),
                    )
                    .join(' · ')}
                </Text>
              </Tooltip>
            )}
          </Stack>
        )}
      </Card>
      {w.reactivation && <ReactivationCard contactId={contactId} winback={w} reactivation={w.reactivation} />}
      <LostReasonCard contactId={contactId} lostReasons={w.lostReasons} />
    </Stack>
  );
}
