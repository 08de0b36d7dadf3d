import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WaveTrigger } from '@relance/domain/surveys/survey-waves';
import { assertNever } from '@relance/domain/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import type { SurveyWave, SurveyWithWaves } from '../api/schemas';
import { useCloseWave, useRunMoments } from '../hooks/use-surveys';
import { OpenWaveModal } from './open-wave-modal';

type T = ReturnType<typeof useTranslation>['t'];

/** Where a wave's respondents come from, in words. */
export function waveOrigin(t: T, wave: Pick<SurveyWave, 'source' | 'trigger'>): string {
  if (wave.source !== 'moment' || !wave.trigger) return t(`surveys.waves.source.${wave.source}`);
  const trigger: WaveTrigger = wave.trigger;
  const by = t(`surveys.channels.${trigger.deliverBy}`);
  switch (trigger.moment) {
    case 'after_first_order':
      return t(
        trigger.thenYearly
          ? 'surveys.waves.describe.afterFirstOrderYearly'
          : 'surveys.waves.describe.afterFirstOrder',
        {
          months: trigger.months,
          by,
        },
      );
    case 'complaint_closed':
      return t('surveys.waves.describe.complaintClosed', { days: trigger.daysAfter, by });
    case 'became_former':
      return t('surveys.waves.describe.becameFormer', { by });
    case 'cancellation':
      return t('surveys.waves.describe.cancellation', { by });
    default:
      return assertNever(trigger, 'wave trigger');
  }
}

export const isOpen = (w: Pick<SurveyWave, 'closedAt' | 'closesAt'>) =>
  !w.closedAt && (!w.closesAt || new Date(w.closesAt) > new Date());

/** A survey's waves: where they come from, open or closed, their results; open a wave, close one, run the moments. */
export function WavesPanel({ survey }: { survey: SurveyWithWaves }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const writable = can('surveys:write');
  const [opening, setOpening] = useState(false);
  const close = useCloseWave();
  const moments = useRunMoments();
  const hasMoments = survey.waves.some((w) => w.source === 'moment' && isOpen(w));

  return (
    <Stack>
      {writable && (
        <Group>
          <Button onClick={() => setOpening(true)} data-testid="open-wave">
            {t('surveys.waves.openButton')}
          </Button>
          {hasMoments && (
            <Button
              variant="light"
              loading={moments.isPending}
              onClick={() =>
                moments.mutate(undefined, {
                  onSuccess: () =>
                    notifications.show({ color: 'teal', message: t('surveys.waves.momentsQueued') }),
                })
              }
              data-testid="run-moments"
            >
              {t('surveys.waves.runMoments')}
            </Button>
          )}
        </Group>
      )}
      <ProblemAlert error={close.error ?? moments.error} />
      {survey.waves.length === 0 ? (
        <EmptyState title={t('surveys.waves.empty')}>{t('surveys.waves.emptyHint')}</EmptyState>
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="waves-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('surveys.waves.name')}</Table.Th>
                  <Table.Th>{t('surveys.waves.origin')}</Table.Th>
                  <Table.Th>{t('surveys.waves.opened')}</Table.Th>
                  <Table.Th>{t('surveys.waves.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {survey.waves.map((w) => (
                  <Table.Tr key={w.id} data-testid={`wave-${w.id}`}>
                    <Table.Td>
                      <Text fw={500}>{w.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{waveOrigin(t, w)}</Text>
                    </Table.Td>
                    <Table.Td>{f.date(w.opensAt)}</Table.Td>
                    <Table.Td>
                      {isOpen(w) ? (
                        <Badge color="teal" variant="light">
                          {t('surveys.waves.isOpen')}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light">
                          {t('surveys.waves.closedOn', { date: f.date(w.closedAt ?? w.closesAt) })}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          component={Link}
                          to={`/surveys/${survey.id}/waves/${w.id}`}
                          size="xs"
                          variant="light"
                          data-testid={`wave-results-${w.id}`}
                        >
                          {t('surveys.waves.results')}
                        </Button>
                        {writable && isOpen(w) && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            loading={close.isPending && close.variables === w.id}
                            onClick={() => {
                              if (window.confirm(t('surveys.waves.closeConfirm', { name: w.name })))
                                close.mutate(w.id);
                            }}
                            data-testid={`wave-close-${w.id}`}
                          >
                            {t('surveys.waves.close')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <OpenWaveModal surveyId={survey.id} opened={opening} onClose={() => setOpening(false)} />
    </Stack>
  );
}
