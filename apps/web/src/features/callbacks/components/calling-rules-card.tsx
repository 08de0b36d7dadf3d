import {
  Button,
  Card,
  Chip,
  Group,
  NumberInput,
  SimpleGrid,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type CallingRules,
  callingRulesSchema,
  DEFAULT_CALLING_RULES,
} from '@relance/domain/callbacks/calling-rules';
import { WEEK_DAYS, type WeekDay } from '@relance/domain/planning/send-window';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { getCallingRules, saveCallingRules } from '../api/callbacks';

const KEY = ['callbacks', 'rules'];

/** "10:00-13:00, 14:00-20:00" ⇄ the window's ranges. */
const rangesText = (hours: CallingRules['window']['hours']) =>
  hours.map((h) => `${h.from}-${h.to}`).join(', ');
function parseRanges(text: string): CallingRules['window']['hours'] | null {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ranges = parts.map((p) => /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(p));
  if (ranges.length === 0 || ranges.some((r) => !r)) return null;
  return ranges.map((r) => ({ from: r![1]!, to: r![2]! }));
}

/** The calling rules (hours, attempts, pause after a refusal, locks, the feed's thresholds), for admins and managers. */
export function CallingRulesCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getCallingRules(signal) });
  const [hours, setHours] = useState(rangesText(DEFAULT_CALLING_RULES.window.hours));
  const [hoursError, setHoursError] = useState<string | null>(null);
  const form = useForm<CallingRules>({ initialValues: DEFAULT_CALLING_RULES });
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the stored values once they arrive
  useEffect(() => {
    if (current.data) {
      form.setValues(current.data);
      setHours(rangesText(current.data.window.hours));
    }
  }, [current.data]);
  const save = useMutation({
    mutationFn: saveCallingRules,
    onSuccess: (saved) => queryClient.setQueryData(KEY, saved),
    onError: (error) => {
      if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
    },
  });
  const submit = form.onSubmit((values) => {
    const ranges = parseRanges(hours);
    setHoursError(ranges ? null : t('callbacks.rules.hoursHint'));
    if (!ranges) return;
    const parsed = callingRulesSchema.safeParse({ ...values, window: { ...values.window, hours: ranges } });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
      form.setErrors(errors);
      if (Object.keys(errors).some((k) => k.startsWith('window.hours')))
        setHoursError(Object.values(errors)[0]!);
      return;
    }
    save.mutate(parsed.data);
  });
  const int = (path: string, label: string) => (
    <NumberInput label={label} min={0} allowDecimal={false} {...form.getInputProps(path)} />
  );
  return (
    <Card withBorder component="form" onSubmit={submit} data-testid="calling-rules">
      <Title order={4}>{t('callbacks.rules.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('callbacks.rules.subtitle')}
      </Text>
      <Chip.Group
        multiple
        value={form.values.window.days}
        onChange={(days) => form.setFieldValue('window.days', days as WeekDay[])}
      >
        <Group gap="xs">
          {WEEK_DAYS.map((d) => (
            <Chip key={d} value={d} size="xs">
              {t(`callbacks.rules.days.${d}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
        <TextInput
          label={t('callbacks.rules.hours')}
          description={t('callbacks.rules.hoursHint')}
          value={hours}
          onChange={(e) => setHours(e.currentTarget.value)}
          error={hoursError}
        />
        <TextInput label={t('callbacks.rules.timeZone')} {...form.getInputProps('window.timeZone')} />
        <Switch
          mt="xl"
          label={t('callbacks.rules.holidays')}
          {...form.getInputProps('window.closedOnPublicHolidays', { type: 'checkbox' })}
        />
        {int('maxAttempts', t('callbacks.rules.maxAttempts'))}
        {int('attemptWindowDays', t('callbacks.rules.attemptWindowDays'))}
        {int('refusalDays', t('callbacks.rules.refusalDays'))}
        {int('lockMinutes', t('callbacks.rules.lockMinutes'))}
        {int('noAnswerRetryMinutes', t('callbacks.rules.noAnswerRetryMinutes'))}
        {int('voicemailRetryMinutes', t('callbacks.rules.voicemailRetryMinutes'))}
        {int('quoteReminderDays', t('callbacks.rules.quoteReminderDays'))}
        <NumberInput
          label={t('callbacks.rules.winbackMinScore')}
          min={0}
          max={10}
          {...form.getInputProps('feed.winbackMinScore')}
        />
        <NumberInput
          label={t('callbacks.rules.churnMinProbability')}
          min={0}
          max={1}
          step={0.05}
          decimalScale={2}
          {...form.getInputProps('feed.churnMinProbability')}
        />
        {int('feed.hotOpens', t('callbacks.rules.hotOpens'))}
      </SimpleGrid>
      <ProblemAlert error={save.error} />
      <Group mt="md">
        <Button type="submit" loading={save.isPending} data-testid="calling-rules-save">
          {t('callbacks.rules.save')}
        </Button>
        {save.isSuccess && (
          <Text size="sm" c="teal">
            {t('callbacks.rules.saved')}
          </Text>
        )}
      </Group>
    </Card>
  );
}
