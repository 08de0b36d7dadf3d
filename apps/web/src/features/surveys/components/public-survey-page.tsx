import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { AnswersInput } from '@relance/domain/surveys/survey-answers';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../lib/api-error';
import { currentLanguage, LANGUAGES, type Language } from '../../../lib/i18n';
import type { AnswerOutcome } from '../api/schemas';
import { usePublicSurvey, useSubmitAnswers } from '../hooks/use-public-survey';
import { QuestionnaireForm } from './questionnaire-form';
import { labelIn } from './survey-labels';

type Ending = 'thanks' | 'already' | 'screenedOut' | 'closed' | 'invalid';

/** A page of its own (no app shell, no login): one column, readable on a 360 px phone. */
function Frame({ children, language }: { children: ReactNode; language: Language }) {
  const { t, i18n } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box maw={680} mx="auto" px={{ base: 'sm', sm: 'md' }} py="md">
        <Group justify="flex-end" mb="sm">
          <SegmentedControl
            size="sm"
            value={language}
            onChange={(v) => void i18n.changeLanguage(v)}
            data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
            aria-label={t('surveys.answer.language')}
            data-testid="survey-language"
          />
        </Group>
        {children}
      </Box>
    </Box>
  );
}

function EndCard({ kind, title, children }: { kind: Ending; title: string; children?: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="xl" data-testid={`survey-end-${kind}`}>
      <Stack gap="sm" align="center" ta="center">
        <Title order={2} size="h3">
          {title}
        </Title>
        {children ? <Text c="dimmed">{children}</Text> : null}
      </Stack>
    </Paper>
  );
}

/** The public answer page at /s/:token (a tracked link of an email or SMS, or an invitation's token). */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  const survey = usePublicSurvey(token);
  const submit = useSubmitAnswers(token, 'web');
  const [ending, setEnding] = useState<Ending | null>(null);

  const endings: Record<Ending, ReactNode> = {
    thanks: (
      <EndCard kind="thanks" title={t('surveys.answer.thanks.title')}>
        {t('surveys.answer.thanks.body')}
      </EndCard>
    ),
    already: (
      <EndCard kind="already" title={t('surveys.answer.already.title')}>
        {t('surveys.answer.already.body')}
      </EndCard>
    ),
    screenedOut: (
      <EndCard kind="screenedOut" title={t('surveys.answer.screenedOut.title')}>
        {t('surveys.answer.screenedOut.body')}
      </EndCard>
    ),
    closed: (
      <EndCard kind="closed" title={t('surveys.answer.closed.title')}>
        {t('surveys.answer.closed.body')}
      </EndCard>
    ),
    invalid: (
      <EndCard kind="invalid" title={t('surveys.answer.invalid.title')}>
        {t('surveys.answer.invalid.body')}
      </EndCard>
    ),
  };

  const failure = survey.error instanceof ApiError ? survey.error : null;
  const rateLimited = (e: unknown) => e instanceof ApiError && e.code === 'rate_limited';

  let content: ReactNode;
  if (ending) content = endings[ending];
  else if (survey.isPending)
    content = (
      <Center py="xl">
        <Loader />
      </Center>
    );
  else if (failure?.code === 'not_found') content = endings.invalid;
  else if (survey.isError)
    content = (
      <Alert
        color={rateLimited(failure) ? 'orange' : 'red'}
        title={t('surveys.answer.failed')}
        data-testid="survey-load-error"
      >
        <Stack gap="xs">
          <Text size="sm">
            {t(rateLimited(failure) ? 'surveys.answer.rateLimited' : 'surveys.answer.tryAgain')}
          </Text>
          <Button variant="light" onClick={() => void survey.refetch()} w="fit-content">
            {t('surveys.answer.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  else if (survey.data.state === 'answered') content = endings.already;
  else if (survey.data.state === 'closed') content = endings.closed;
  else {
    const { definition, firstName } = survey.data;
    const onSubmit = async (answers: AnswersInput, screenedOut: boolean) => {
      try {
        const outcome: AnswerOutcome = await submit.mutateAsync({ answers, language });
        setEnding(outcome.status === 'already_answered' ? 'already' : screenedOut ? 'screenedOut' : 'thanks');
        window.scrollTo({ top: 0 });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') setEnding('invalid');
        else if (error instanceof ApiError && error.code === 'conflict') setEnding('closed');
        throw error;
      }
    };
    const submitError = submit.error;
    const general =
      submitError instanceof ApiError && submitError.fieldErrors.length === 0 ? (
        <Alert color={rateLimited(submitError) ? 'orange' : 'red'} role="alert" data-testid="submit-problem">
          {t(rateLimited(submitError) ? 'surveys.answer.rateLimited' : 'surveys.answer.tryAgain')}
        </Alert>
      ) : submitError instanceof ApiError ? (
        <Alert color="red" role="alert" data-testid="submit-problem">
          {t('surveys.answer.errors.fix')}
        </Alert>
      ) : null;
    content = (
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} size="h2" data-testid="survey-title">
            {labelIn(definition.title, language)}
          </Title>
          {firstName && <Text>{t('surveys.answer.hello', { name: firstName })}</Text>}
          {definition.intro && <Text c="dimmed">{labelIn(definition.intro, language)}</Text>}
        </Stack>
        <QuestionnaireForm
          definition={definition}
          language={language}
          mode="web"
          onSubmit={onSubmit}
          error={submitError}
          footer={general}
        />
      </Stack>
    );
  }

  return <Frame language={language}>{content}</Frame>;
}
