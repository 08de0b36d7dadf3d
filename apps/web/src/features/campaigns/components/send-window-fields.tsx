import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Chip,
  Collapse,
  Group,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { defaultSendWindow, type SendWindowInput, WEEK_DAYS } from '@relance/domain/planning/send-window';
import { windowWarnings } from '@relance/domain/planning/send-window-rules';
import type { Channel } from '@relance/domain/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanForm } from './number-fields';

/**
 * A step's send window: days, time ranges (local time of the window's zone) and public holidays. Shown as a
 * one-line summary; "Change" opens the editor. Going beyond the French rules of the channel is allowed but
 * warned about (domain `windowWarnings`).
 */
export function SendWindowFields({
  form,
  index,
  channel,
  window,
  readOnly,
}: {
  form: PlanForm;
  index: number;
  channel: Channel;
  window: SendWindowInput;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const path = `steps.${index}.sendWindow`;
  const set = (next: SendWindowInput) => form.setFieldValue(path, next as never);
  const errors = Object.entries(form.errors).filter(([k]) => k === path || k.startsWith(`${path}.`));
  const warnings = windowWarnings(channel, window);
  const summary = [
    WEEK_DAYS.filter((d) => window.days.includes(d))
      .map((d) => t(`sendWindow.days.${d}`))
      .join(' '),
    window.hours.map((r) => `${r.from}–${r.to}`).join(', '),
    window.closedOnPublicHolidays === false ? t('sendWindow.holidaysOpen') : t('sendWindow.holidaysClosed'),
  ].join(' · ');

  return (
    <Stack gap={4} data-testid="send-window">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm">
          <Text span fw={500}>
            {t('sendWindow.title')}
          </Text>{' '}
          <Text span c="dimmed" data-testid="send-window-summary">
            {summary}
          </Text>
        </Text>
        {!readOnly && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setOpen((o) => !o)}
            data-testid="edit-window"
          >
            {open ? t('sendWindow.close') : t('sendWindow.edit')}
          </Button>
        )}
      </Group>
      {errors.map(([field, message]) => (
        <Text key={field} c="red" size="xs" data-testid="send-window-error">
          {message}
        </Text>
      ))}
      {warnings.length > 0 && (
        <Alert color="orange" variant="light" p="xs" data-testid="send-window-warning">
          <Stack gap={2}>
            {warnings.map((w) => (
              <Text key={JSON.stringify(w)} size="xs">
                {t(`sendWindow.warnings.${w.kind}`, {
                  channel: t(`channels.${channel}`),
                  days: 'days' in w ? w.days.map((d) => t(`sendWindow.days.${d}`)).join(', ') : '',
                  range: 'from' in w ? `${w.from}–${w.to}` : '',
                })}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Collapse in={open && !readOnly}>
        <Stack gap="xs" pt="xs">
          <Chip.Group
            multiple
            value={window.days}
            onChange={(days) => set({ ...window, days: WEEK_DAYS.filter((d) => days.includes(d)) })}
          >
            <Group gap={4}>
              {WEEK_DAYS.map((d) => (
                <Chip key={d} value={d} size="xs" data-testid={`window-day-${d}`}>
                  {t(`sendWindow.days.${d}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {window.hours.map((range, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a range has no identity but its place; a key made of its times would remount the input at each keystroke
            <Group key={r} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                type="time"
                size="xs"
                label={t('sendWindow.from')}
                value={range.from}
                data-testid={`window-from-${r}`}
                onChange={(e) => {
                  const hours = [...window.hours];
                  hours[r] = { ...range, from: e.currentTarget.value };
                  set({ ...window, hours });
                }}
              />
              <TextInput
                type="time"
                size="xs"
                label={t('sendWindow.to')}
                value={range.to}
                data-testid={`window-to-${r}`}
                onChange={(e) => {
                  const hours = [...window.hours];
                  hours[r] = { ...range, to: e.currentTarget.value };
                  set({ ...window, hours });
                }}
              />
              <Tooltip label={t('sendWindow.removeRange')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('sendWindow.removeRange')}
                  onClick={() => set({ ...window, hours: window.hours.filter((_, k) => k !== r) })}
                >
                  ✕
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => set({ ...window, hours: [...window.hours, { from: '14:00', to: '18:00' }] })}
            >
              {t('sendWindow.addRange')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => set(defaultSendWindow(channel))}>
              {t('sendWindow.reset')}
            </Button>
          </Group>
          <Checkbox
            size="xs"
            label={t('sendWindow.closedOnHolidays')}
            checked={window.closedOnPublicHolidays !== false}
            onChange={(e) => set({ ...window, closedOnPublicHolidays: e.currentTarget.checked })}
          />
          <Text size="xs" c="dimmed">
            {t('sendWindow.timeZone', { zone: window.timeZone ?? 'Europe/Paris' })}
          </Text>
        </Stack>
      </Collapse>
    </Stack>
  );
}
