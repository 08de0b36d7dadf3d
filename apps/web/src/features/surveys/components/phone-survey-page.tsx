import { Alert, Button, Card, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import type { AnswersInput } from '@relance/domain/surveys/survey-answers';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { currentLanguage, LANGUAGES, type Language } from '../../../lib/i18n';
import type { AnswerOutcome } from '../api/schemas';
import { usePublicSurvey, useSubmitAnswers } from '../hooks/use-public-survey';
import { useInviteContact, useOpenWaves } from '../hooks/use-surveys';
import { QuestionnaireForm } from './questionnaire-form';
import { labelIn } from './survey-labels';

/**
 * A telemarketer fills a survey in during a call: from a contact (`?contact=`), choose one of the open waves (the
 * contact is invited: the same invitation if already there), or straight from a call task's invitation
 * (`/surveys/phone/:token`). The same questionnaire as the answer page, recorded "by phone".
 */
export function PhoneSurveyPage() {
  const { token } = useParams();
  const [params] = useSearchParams();
  const contactId = Number(params.get('contact')) || null;
  const { t } = useTranslation();
  const back = contactId ? `/contacts/${contactId}` : '/calls';
  return (
    <>
      <PageHeader
        title={t('surveys.phone.title')}
        subtitle={t('surveys.phone.subtitle')}
        actions={
          <Button component={Link} to={back} variant="default">
            {contactId ? t('surveys.phone.toContact') : t('surveys.phone.toCalls')}
          </Button>
        }
      />
      {token ? (
        <PhoneForm token={token} back={back} />
      ) : contactId ? (
        <ChooseWave contactId={contactId} />
      ) : (
        <EmptyState title={t('surveys.phone.noContact')} />
      )}
    </>
  );
}

function ChooseWave({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const waves = useOpenWaves(true);
  const invite = useInviteContact();
  const [waveId, setWaveId] = useState<string | null>(null);
  if (waves.isPending) return <LoadingState />;
  if (waves.isError) return <ProblemAlert error={waves.error} />;
  if (waves.data.items.length === 0)
    return <EmptyState title={t('surveys.phone.noOpenWave')}>{t('surveys.phone.noOpenWaveHint')}</EmptyState>;
  return (
    <Card withBorder maw={560}>
      <Stack>
        <Select
          label={t('surveys.phone.chooseWave')}
          data={waves.data.items.map((w) => ({ value: w.id, label: `${w.surveyName} — ${w.name}` }))}
          value={waveId}
          onChange={setWaveId}
          data-testid="phone-wave"
        />
        <ProblemAlert error={invite.error} />
        <Button
          disabled={!waveId}
          loading={invite.isPending}
          w="fit-content"
          onClick={() =>
            waveId &&
            invite.mutate(
              { waveId, contactId },
              { onSuccess: ({ token }) => navigate(`/surveys/phone/${token}?contact=${contactId}`) },
            )
          }
          data-testid="phone-start"
        >
          {t('surveys.phone.start')}
        </Button>
      </Stack>
    </Card>
  );
}

function PhoneForm({ token, back }: { token: string; back: string }) {
  const { t, i18n } = useTranslation();
  const survey = usePublicSurvey(token);
  const submit = useSubmitAnswers(token, 'phone');
  // the questionnaire is read in the customer's language, whatever the agent's screen says
  const [language, setLanguage] = useState<Language>(currentLanguage(i18n.resolvedLanguage));
  const [outcome, setOutcome] = useState<AnswerOutcome | null>(null);

  if (survey.isPending) return <LoadingState />;
  if (survey.isError) return <ProblemAlert error={survey.error} />;
  const done =
    outcome ?? (survey.data.state === 'answered' ? ({ status: 'already_answered' } as const) : null);
  if (done)
    return (
      <Alert
        color="teal"
        title={t(done.status === 'recorded' ? 'surveys.phone.recorded' : 'surveys.answer.already.title')}
        data-testid="phone-done"
      >
        <Stack gap="xs">
          {done.status === 'recorded' && done.alerted && <Text size="sm">{t('surveys.phone.alerted')}</Text>}
          <Button component={Link} to={back} variant="white" w="fit-content">
            {t('surveys.phone.back')}
          </Button>
        </Stack>
      </Alert>
    );
  if (survey.data.state === 'closed') return <Alert color="gray">{t('surveys.answer.closed.title')}</Alert>;
  const { definition, firstName } = survey.data;
  return (
    <Stack maw={720}>
      <Group justify="space-between">
        <div>
          <Title order={3}>{labelIn(definition.title, language)}</Title>
          {firstName && <Text c="dimmed">{t('surveys.phone.with', { name: firstName })}</Text>}
        </div>
        <SegmentedControl
          value={language}
          onChange={(v) => setLanguage(v as Language)}
          data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
          aria-label={t('surveys.answer.language')}
        />
      </Group>
      <QuestionnaireForm
        definition={definition}
        language={language}
        mode="phone"
        error={submit.error}
        footer={submit.error ? <ProblemAlert error={submit.error} /> : null}
        onSubmit={async (answers: AnswersInput) =>
          setOutcome(await submit.mutateAsync({ answers, language }))
        }
      />
    </Stack>
  );
}
