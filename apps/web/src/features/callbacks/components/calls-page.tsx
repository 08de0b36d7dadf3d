import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Kbd,
  NativeSelect,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import type { CallOutcomeInput } from '@relance/domain/callbacks/outcome-input';
import { CALL_OUTCOMES, type CallOutcome, OUTCOME_KEYS } from '@relance/domain/callbacks/vocabulary';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import type { CallScreen } from '../api/callbacks';
import {
  useExtendTask,
  useQueues,
  useRecordOutcome,
  useReleaseTask,
  useTakeNext,
} from '../hooks/use-callbacks';
import { ContactCard } from './contact-card';
import { needsForm, OutcomePanel } from './outcome-panel';
import { useQueueName } from './queue-name';

const BY_KEY = new Map(CALL_OUTCOMES.map((o) => [OUTCOME_KEYS[o], o] as const));

/** A key typed in a field is the field's, never a shortcut. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The agent's page: choose a queue, press Next (N) for the best callable task, call with the contact card and
 * the script in view, record the outcome with its key (1-9), skip (S). The task stays locked to the agent while
 * the page shows it (the lock is renewed every few minutes).
 */
export function CallsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const queueName = useQueueName();
  const queues = useQueues();
  const next = useTakeNext();
  const record = useRecordOutcome();
  const release = useReleaseTask();
  const extend = useExtendTask();
  const [queueId, setQueueId] = useState<string>('');
  const [screen, setScreen] = useState<CallScreen | null>(null);
  const [empty, setEmpty] = useState(false);
  const [saved, setSaved] = useState<CallOutcome | null>(null);
  const [pending, setPending] = useState<CallOutcome | null>(null);
  const [note, setNote] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const takeNext = () => {
    if (next.isPending) return;
    setSaved(null);
    setPending(null);
    record.reset();
    next.mutate(queueId || null, {
      onSuccess: (answer) => {
        setScreen(answer.item);
        setEmpty(answer.item === null);
        setNote('');
      },
    });
  };
  const submit = (input: CallOutcomeInput) => {
    if (!screen || record.isPending) return;
    record.mutate(
      { taskId: screen.task.id, body: input },
      {
        onSuccess: () => {
          setSaved(input.outcome);
          setScreen(null);
          setPending(null);
          setNote('');
        },
      },
    );
  };
  const choose = (outcome: CallOutcome) => {
    if (!screen) return;
    if (needsForm(outcome)) setPending(outcome);
    else submit({ outcome, note } as CallOutcomeInput);
  };
  const skip = () => {
    if (!screen) return;
    release.mutate(screen.task.id, { onSuccess: () => setScreen(null) });
  };

  // the lock runs while the agent is on the task: renewed every four minutes
  const renew = useInterval(() => {
    if (screen) extend.mutate(screen.task.id);
  }, 240_000);
  useEffect(() => {
    renew.start();
    return renew.stop;
  }, [renew]);

  const latest = useRef({ takeNext, choose, skip, screen, pending });
  latest.current = { takeNext, choose, skip, screen, pending };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const now = latest.current;
      const key = e.key.toLowerCase();
      if (key === 'escape' && now.pending) {
        setPending(null);
        return;
      }
      if (key === 'n' && !now.screen) {
        e.preventDefault();
        now.takeNext();
      } else if (key === 's' && now.screen) {
        e.preventDefault();
        now.skip();
      } else if (key === 'm' && now.screen) {
        e.preventDefault();
        noteRef.current?.focus();
      } else if (now.screen && BY_KEY.has(e.key)) {
        e.preventDefault();
        now.choose(BY_KEY.get(e.key)!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const task = screen?.task;
  return (
    <>
      <PageHeader
        title={t('callbacks.title')}
        subtitle={t('callbacks.subtitle')}
        actions={
          <Group align="flex-end">
            <NativeSelect
              label={t('callbacks.queue.label')}
              value={queueId}
              onChange={(e) => setQueueId(e.currentTarget.value)}
              data={[
                { value: '', label: t('callbacks.queue.all') },
                ...(queues.data?.items ?? []).map((q) => ({
                  value: q.id,
                  label: `${queueName(q)} (${q.due})`,
                })),
              ]}
              disabled={Boolean(screen)}
              data-testid="call-queue"
            />
            {screen ? (
              <Button
                variant="default"
                onClick={skip}
                leftSection={<Kbd size="xs">S</Kbd>}
                data-testid="call-skip"
              >
                {t('callbacks.skip')}
              </Button>
            ) : (
              <Button
                onClick={takeNext}
                loading={next.isPending}
                leftSection={<Kbd size="xs">N</Kbd>}
                data-testid="call-next"
              >
                {t('callbacks.next')}
              </Button>
            )}
          </Group>
        }
      />
      <Text size="xs" c="dimmed" mb="sm">
        {t('callbacks.keys')}
      </Text>
      <ProblemAlert error={next.error ?? release.error} />
      {saved && (
        <Alert color="green" variant="light" mb="md" data-testid="call-saved">
          {t('callbacks.saved', { outcome: t(`callbacks.outcomes.${saved}`) })} {t('callbacks.savedHint')}
        </Alert>
      )}
      {!screen && empty && (
        <EmptyState title={t('callbacks.nothing')}>{t('callbacks.nothingHint')}</EmptyState>
      )}
      {!screen && !empty && !saved && <EmptyState title={t('callbacks.idle')} />}
      {screen && task && (
        <Grid data-testid="call-screen" data-task-id={task.id}>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              <Card withBorder padding="md" data-testid="call-why">
                <Group justify="space-between">
                  <Stack gap={2}>
                    <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
                      {t('callbacks.why')}
                    </Text>
                    <Group gap="xs">
                      <Badge>{t(`callbacks.sources.${task.source}`)}</Badge>
                      <Text fw={500} data-testid="call-reason">
                        {task.reason}
                      </Text>
                    </Group>
                    {task.source === 'survey' && typeof task.detail.surveyToken === 'string' && (
                      // the survey's questions, in a tab of its own so that this call screen keeps its lock
                      <Button
                        component="a"
                        href={`/surveys/phone/${task.detail.surveyToken}`}
                        target="_blank"
                        size="xs"
                        variant="light"
                        w="fit-content"
                        data-testid="call-survey"
                      >
                        {t('surveys.phone.fill')}
                      </Button>
                    )}
                    <Text size="sm" c="dimmed">
                      {queueName(task.queue)} ·{' '}
                      {task.calls === 0
                        ? t('callbacks.firstCall')
                        : t('callbacks.calls', { count: task.calls })}
                      {task.lastOutcome
                        ? ` · ${t('callbacks.lastOutcome', { outcome: t(`callbacks.outcomes.${task.lastOutcome}`) })}`
                        : ''}
                    </Text>
                  </Stack>
                  <Stack gap={2} align="flex-end">
                    {task.phone ? (
                      <Title order={2}>
                        <a href={`tel:${task.phone}`} data-testid="call-phone">
                          {f.phone(task.phone)}
                        </a>
                      </Title>
                    ) : (
                      <Text c="red">{t('callbacks.noPhone')}</Text>
                    )}
                    {task.lockedUntil && (
                      <Text size="xs" c="dimmed">
                        {t('callbacks.lockedUntil', { time: f.dateTime(task.lockedUntil) })}
                      </Text>
                    )}
                  </Stack>
                </Group>
              </Card>
              <OutcomePanel
                pending={pending}
                onChoose={choose}
                onCancel={() => setPending(null)}
                onSubmit={submit}
                note={note}
                onNote={setNote}
                noteRef={noteRef}
                saving={record.isPending}
                error={record.error}
              />
              <ContactCard contact={screen.contact} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card withBorder padding="md" data-testid="call-script">
              <Title order={4}>
                {t('callbacks.script.title')}
                {screen.script ? ` — ${screen.script.campaign.name}` : ''}
              </Title>
              {screen.script?.script ? (
                <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="call-script-text">
                  {screen.script.script.text}
                </Text>
              ) : (
                <Text size="sm" c="dimmed" mt="sm">
                  {t('callbacks.script.none')}
                </Text>
              )}
              {screen.script?.offer && (
                <Stack gap={2} mt="md">
                  <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
                    {t('callbacks.script.offer')}
                  </Text>
                  <Text data-testid="call-offer">{screen.script.offer}</Text>
                </Stack>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
