import { Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CampaignEvent } from '@relance/domain/planning/campaign-lifecycle';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-error';
import type { Campaign } from '../api/campaigns';
import { useCampaignEvent } from '../hooks/use-campaigns';

/** The order buttons appear in; the first allowed one is the main action. */
const ORDER: readonly CampaignEvent[] = [
  'launch_test',
  'test_done',
  'rollout',
  'resume',
  'pause',
  'complete',
  'cancel',
];
/** Events that start sending or end the campaign for good ask for a confirmation. */
const CONFIRM = new Set<CampaignEvent>(['launch_test', 'rollout', 'complete', 'cancel']);

/**
 * The lifecycle buttons of a saved campaign: only the events its status allows (the API says which), disabled
 * while the plan has unsaved changes. Problems that stop a launch come back as field errors for the form.
 */
export function LifecycleActions({
  campaign,
  dirty,
  onFieldErrors,
}: {
  campaign: Campaign;
  dirty: boolean;
  onFieldErrors: (errors: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const move = useCampaignEvent();
  const [confirming, setConfirming] = useState<CampaignEvent | null>(null);
  const events = ORDER.filter((e) => campaign.allowedEvents.includes(e));
  if (events.length === 0) return null;

  const run = (event: CampaignEvent) => {
    setConfirming(null);
    move.mutate(
      { id: campaign.id, event, version: campaign.version },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'teal',
            message: t('campaignLifecycle.done', {
              status: t(`campaigns.statuses.${saved.status}`, { defaultValue: saved.status }),
            }),
          }),
        onError: (error) => {
          const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
          if (fieldErrors.length > 0) {
            onFieldErrors(Object.fromEntries(fieldErrors.map((e) => [e.field, e.message])));
          }
          notifications.show({
            color: 'red',
            title: t('campaignLifecycle.refused'),
            autoClose: fieldErrors.length > 0 ? false : 8000,
            message: (
              <Stack gap={2} data-testid="lifecycle-problem">
                <Text size="sm">{error.message}</Text>
                {fieldErrors.map((e) => (
                  <Text key={e.field} size="sm">
                    • {e.message}
                  </Text>
                ))}
              </Stack>
            ),
          });
        },
      },
    );
  };

  return (
    <>
      <Tooltip label={t('campaignLifecycle.saveFirst')} disabled={!dirty}>
        <Group gap="xs" data-testid="lifecycle-actions">
          {events.map((event, i) => (
            <Button
              key={event}
              size="sm"
              variant={i === 0 ? 'filled' : event === 'cancel' ? 'subtle' : 'light'}
              color={event === 'cancel' ? 'red' : event === 'pause' ? 'orange' : undefined}
              disabled={dirty}
              loading={move.isPending && move.variables?.event === event}
              data-testid={`event-${event}`}
              onClick={() => (CONFIRM.has(event) ? setConfirming(event) : run(event))}
            >
              {t(`campaignLifecycle.events.${event}`)}
            </Button>
          ))}
        </Group>
      </Tooltip>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t(`campaignLifecycle.events.${confirming}`) : ''}
      >
        {confirming && (
          <Stack>
            <Text size="sm">{t(`campaignLifecycle.confirm.${confirming}`, { name: campaign.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                color={confirming === 'cancel' ? 'red' : undefined}
                data-testid="confirm-event"
                onClick={() => run(confirming)}
              >
                {t(`campaignLifecycle.events.${confirming}`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
