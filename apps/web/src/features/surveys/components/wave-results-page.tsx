import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { currentLanguage } from '../../../lib/i18n';
import type { WaveReport } from '../api/schemas';
import { waveCsvUrl } from '../api/surveys';
import { useWaveReport } from '../hooks/use-surveys';
import { PriorityPanel } from './priority-chart';
import { labelIn } from './survey-labels';
import { isOpen, waveOrigin } from './waves-panel';

/** A wave's results: who answered, the overall score, what to fix first, intentions, open answers, the change since the previous wave. */
export function WaveResultsPage() {
  const { id = '', waveId = '' } = useParams();
  const { t } = useTranslation();
  const report = useWaveReport(waveId);
  return (
    <>
      <PageHeader
        title={
          report.data
            ? t('surveys.results.title', { name: report.data.wave.name })
            : t('surveys.results.titleShort')
        }
        subtitle={report.data ? waveOrigin(t, report.data.wave) : undefined}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={waveCsvUrl(waveId)}
              download
              variant="default"
              data-testid="answers-csv"
            >
              {t('surveys.results.csv')}
            </Button>
            <Button component={Link} to={`/surveys/${id}`} variant="default">
              {t('surveys.results.toSurvey')}
            </Button>
          </Group>
        }
      />
      <ProblemAlert error={report.error} />
      {report.isPending && <LoadingState />}
      {report.data && <Results report={report.data} />}
    </>
  );
}

function Results({ report }: { report: WaveReport }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const language = currentLanguage(i18n.resolvedLanguage);
  const { results: r, wave, comparison } = report;
  const percent = new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 0 });
  const pct = (v: number | null) => (v === null ? '—' : percent.format(v));
  const decimal = new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const overallScale =
    wave.definition.overall.kind === 'satisfaction' ? wave.definition.overall.scale : 'four_level';
  const outOf = overallScale === 'four_level' ? 4 : 10;
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${decimal.format(Math.abs(v))}`;

  const tile = (testId: string, label: string, value: string, hint?: string) => (
    <Card withBorder padding="sm" key={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" data-testid={`${testId}-hint`}>
          {hint}
        </Text>
      )}
    </Card>
  );
  const openLabel = (key: string) =>
    labelIn(wave.definition.open.find((q) => q.key === key)?.label, language) || key;

  return (
    <Stack data-testid="wave-results">
      <Group gap="xs">
        <Badge color={isOpen(wave) ? 'teal' : 'gray'} variant="light">
          {isOpen(wave)
            ? t('surveys.waves.isOpen')
            : t('surveys.waves.closedOn', { date: f.date(wave.closedAt ?? wave.closesAt) })}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('surveys.results.openedOn', { date: f.date(wave.opensAt) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        {tile(
          'result-response-rate',
          t('surveys.results.responseRate'),
          pct(r.responseRate),
          t('surveys.results.respondentsOf', { n: f.number(r.respondents), invited: f.number(r.invited) }),
        )}
        {tile(
          'result-overall-mean',
          t('surveys.results.overallMean'),
          r.overall.mean === null ? '—' : `${decimal.format(r.overall.mean)} / ${outOf}`,
          t('surveys.results.answered', { n: f.number(r.overall.answered) }),
        )}
        {tile(
          'result-overall-satisfied',
          t('surveys.results.satisfied'),
          pct(r.overall.satisfiedShare),
          t('surveys.results.satisfiedHint'),
        )}
        {tile(
          'result-nps',
          t('surveys.results.nps'),
          r.recommend?.nps === null || r.recommend === null
            ? '—'
            : signed(r.recommend.nps).replace(/[.,]0$/, ''),
          r.recommend
            ? t('surveys.results.npsHint', {
                promoters: r.recommend.promoters,
                passives: r.recommend.passives,
                detractors: r.recommend.detractors,
              })
            : undefined,
        )}
        {tile(
          'result-buy-again',
          t('surveys.results.buyAgain'),
          pct(r.buyAgainShare),
          t('surveys.results.buyAgainHint'),
        )}
        {tile(
          'result-low',
          t('surveys.results.lowAnswers'),
          f.number(report.lowAnswers),
          t('surveys.results.screenedOut', { n: f.number(r.screenedOut) }),
        )}
      </SimpleGrid>
      {comparison && (
        <Alert
          color={
            comparison.change?.significant ? (comparison.change.changePoints >= 0 ? 'teal' : 'red') : 'gray'
          }
          variant="light"
          title={t('surveys.results.comparedWith', { name: comparison.waveName })}
          data-testid="wave-comparison"
        >
          {comparison.change === null
            ? t('surveys.results.noComparison')
            : t(
                comparison.change.significant
                  ? 'surveys.results.changeSignificant'
                  : 'surveys.results.changeNotSignificant',
                {
                  points: signed(comparison.change.changePoints),
                  p: comparison.change.pValue === null ? '—' : decimal.format(comparison.change.pValue * 100),
                },
              )}
        </Alert>
      )}
      <PriorityPanel components={r.components} definition={wave.definition} pct={pct} />
      {r.open.length > 0 && (
        <Card withBorder data-testid="open-answers">
          <Title order={4} mb="sm">
            {t('surveys.results.openAnswers')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: r.open.length > 1 ? 2 : 1 }}>
            {r.open.map((o) => (
              <div key={o.key}>
                <Text fw={500} size="sm" mb={4}>
                  {openLabel(o.key)} ({f.number(o.answers.length)})
                </Text>
                {o.answers.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('surveys.results.noOpenAnswers')}
                  </Text>
                ) : (
                  <ScrollArea.Autosize mah={320}>
                    <List size="sm" spacing={4} data-testid={`open-answers-${o.key}`}>
                      {o.answers.map((a, i) => (
                        // answers are plain text (React escapes them) and may repeat
                        // biome-ignore lint/suspicious/noArrayIndexKey: answers have no identity but their place
                        <List.Item key={`${i}-${a.slice(0, 20)}`}>{a}</List.Item>
                      ))}
                    </List>
                  </ScrollArea.Autosize>
                )}
              </div>
            ))}
          </SimpleGrid>
        </Card>
      )}
    </Stack>
  );
}
