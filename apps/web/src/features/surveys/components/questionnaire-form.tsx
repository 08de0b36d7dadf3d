import { Alert, Box, Button, Card, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { AnswersInput } from '@relance/domain/surveys/survey-answers';
import type { Question, SurveyDefinition } from '@relance/domain/surveys/survey-definition';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-error';
import type { Language } from '../../../lib/i18n';
import { QuestionField } from './question-field';
import {
  answersToSend,
  type FormSection,
  type LocalProblem,
  localProblems,
  progressOf,
  visibleSections,
} from './questionnaire-model';
import { labelIn } from './survey-labels';

export interface QuestionnaireFormProps {
  definition: SurveyDefinition;
  /** the language of the questionnaire's texts */
  language: Language;
  /** web: the respondent on the answer page; phone: a telemarketer reading the questions during a call */
  mode: 'web' | 'phone';
  /** sends the answers; resolves once the server answered (the button stays disabled until then) */
  onSubmit: (answers: AnswersInput, screenedOut: boolean) => Promise<unknown>;
  /** the last submission's failure: field errors are shown at their question */
  error: unknown;
  /** shown above the button, e.g. a rate-limit or network message */
  footer?: ReactNode;
}

type T = ReturnType<typeof useTranslation>['t'];

/** The API's field messages (English) in the respondent's language when they are the usual ones. */
function serverMessage(t: T, message: string): string {
  if (message === 'Answer this question') return t('surveys.answer.errors.required');
  const long = /^At most (\d+) characters/.exec(message);
  if (long) return t('surveys.answer.errors.tooLong', { max: Number(long[1]) });
  if (/^Choose|not one of this question|is not offered/.test(message))
    return t('surveys.answer.errors.invalid');
  return message;
}

const localMessage = (t: T, p: LocalProblem) =>
  p.kind === 'required'
    ? t('surveys.answer.errors.required')
    : t('surveys.answer.errors.tooLong', { max: p.max });

/**
 * A questionnaire to fill in, in its order: titled parts (a component: its importance, then its criteria), big
 * touch targets, a progress bar that stays on screen. A filter answer that screens the respondent out ends the
 * survey there. Used by the public answer page and by telemarketers on the phone.
 */
export function QuestionnaireForm({
  definition,
  language,
  mode,
  onSubmit,
  error,
  footer,
}: QuestionnaireFormProps) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<AnswersInput>({});
  const [problems, setProblems] = useState<Record<string, LocalProblem>>({});
  const [busy, setBusy] = useState(false);
  // a double click lands before React re-renders the disabled button: this guard is synchronous
  const sending = useRef(false);
  const { sections, screenedOut } = visibleSections(definition, answers);
  const progress = progressOf(sections, answers);
  const purpose = definition.purpose;

  const serverErrors = error instanceof ApiError ? error.fieldErrors : [];

  const set = (key: string, value: AnswersInput[string] | undefined) => {
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    setProblems((prev) => {
      if (!(key in prev)) return prev;
      const { [key]: _, ...rest } = prev;
      return rest;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    const found = localProblems(sections, answers);
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`question-${first}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    sending.current = true;
    setBusy(true);
    try {
      await onSubmit(answersToSend(sections, answers), screenedOut);
    } catch {
      // the caller shows the failure (error prop)
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const questionBlock = (q: Question) => {
    const local = problems[q.key];
    const remote = serverErrors.find((e) => e.field === q.key);
    const message = local ? localMessage(t, local) : remote ? serverMessage(t, remote.message) : null;
    return (
      <Box
        key={q.key}
        id={`question-${q.key}`}
        data-testid={`question-${q.key}`}
        style={{ scrollMarginTop: 80 }}
      >
        <Text fw={600} size="md" mb={6} component="div">
          {labelIn(q.label, language)}
          {!q.required && (
            <Text span c="dimmed" size="sm" fw={400}>
              {' '}
              {t('surveys.answer.optional')}
            </Text>
          )}
        </Text>
        <QuestionField
          question={q}
          language={language}
          value={answers[q.key]}
          onChange={(v) => set(q.key, v)}
          disabled={busy}
        />
        {message && (
          <Text c="red.7" size="sm" mt={6} role="alert" data-testid={`question-error-${q.key}`}>
            {message}
          </Text>
        )}
      </Box>
    );
  };

  const sectionTitle = (part: FormSection) =>
    part.component
      ? labelIn(part.component.label, language)
      : t(`surveys.answer.sections.${purpose}.${part.section}`);

  // a part title once per section kind (the components share one heading, each component its own card title)
  let lastSection: string | null = null;
  const otherErrors = serverErrors.filter(
    (e) => !sections.some((p) => p.questions.some((q) => q.key === e.field)),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="questionnaire" data-mode={mode}>
      <Paper
        pos="sticky"
        top={0}
        py="xs"
        px={0}
        radius={0}
        style={{ zIndex: 5, background: 'var(--mantine-color-body)' }}
      >
        <Text size="xs" c="dimmed" mb={4} data-testid="survey-progress">
          {t('surveys.answer.progress', { done: progress.done, total: progress.total })}
        </Text>
        <Progress
          value={progress.total > 0 ? (progress.done / progress.total) * 100 : 0}
          size="sm"
          color="teal"
          aria-label={t('surveys.answer.progressLabel')}
        />
      </Paper>
      <Stack gap="lg" mt="md">
        {sections.map((part, i) => {
          const heading =
            part.section !== lastSection && part.section === 'components' ? (
              <Title order={3} size="h4" key={`h-${part.section}`}>
                {t(`surveys.answer.sections.${purpose}.components`)}
              </Title>
            ) : null;
          lastSection = part.section;
          return (
            <Stack key={part.component?.key ?? `${part.section}-${i}`} gap="sm">
              {heading}
              <Card
                withBorder
                radius="md"
                p={{ base: 'sm', sm: 'lg' }}
                data-testid={part.component ? `component-${part.component.key}` : `section-${part.section}`}
              >
                <Title order={part.component ? 4 : 3} size={part.component ? 'h5' : 'h4'} mb="sm">
                  {sectionTitle(part)}
                </Title>
                <Stack gap="lg">{part.questions.map(questionBlock)}</Stack>
              </Card>
            </Stack>
          );
        })}
        {screenedOut && (
          <Alert color="gray" variant="light" data-testid="screened-out-notice">
            {t(mode === 'phone' ? 'surveys.answer.screenedOutPhone' : 'surveys.answer.screenedOutNotice')}
          </Alert>
        )}
        {otherErrors.length > 0 && (
          <Alert color="red" variant="light" role="alert">
            {otherErrors.map((e) => (
              <Text key={e.field} size="sm">
                {e.message}
              </Text>
            ))}
          </Alert>
        )}
        {Object.keys(problems).length > 0 && (
          <Text c="red.7" size="sm" role="alert" data-testid="answers-incomplete">
            {t('surveys.answer.errors.incomplete')}
          </Text>
        )}
        {footer}
        <Button
          type="submit"
          size="lg"
          fullWidth
          loading={busy}
          disabled={busy}
          color="teal"
          data-testid="submit-answers"
        >
          {t(screenedOut ? 'surveys.answer.finish' : 'surveys.answer.submit')}
        </Button>
      </Stack>
    </form>
  );
}
