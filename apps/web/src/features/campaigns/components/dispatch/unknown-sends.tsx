import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../../lib/session';
import { useReconcile, useUnknownSends } from '../../hooks/use-dispatch';

/**
 * Sends in doubt: the provider may have taken them (a timeout after the request, a worker stopped during the
 * call). Never sent again by themselves; once the provider's logs say what happened, the marketer settles them:
 * sent, or to send again.
 */
export function UnknownSends({ campaignId, count }: { campaignId: string; count: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const list = useUnknownSends(campaignId, open);
  const reconcile = useReconcile(campaignId);
  const ids = list.data?.items.map((i) => i.id) ?? [];
  const settle = (outcome: 'sent' | 'resend') =>
    reconcile.mutate(
      { sendIds: ids, outcome },
      {
        onSuccess: (r) => {
          setOpen(false);
          notifications.show({
            color: 'teal',
            message: t(`dispatch.unknown.done.${outcome}`, { count: r.settled }),
          });
        },
      },
    );
  return (
    <Alert color="orange" title={t('dispatch.unknown.title', { count })} data-testid="unknown-sends">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('dispatch.unknown.body')}</Text>
        {can('campaigns:write') && !open && (
          <Button
            size="xs"
            variant="light"
            color="orange"
            onClick={() => setOpen(true)}
            data-testid="unknown-review"
          >
            {t('dispatch.unknown.review')}
          </Button>
        )}
        {open && list.data && (
          <>
            <Text size="xs" c="dimmed" data-testid="unknown-list">
              {list.data.items
                .slice(0, 20)
                .map((i) => `#${i.id} ${i.address ?? ''}`)
                .join(' · ')}
              {list.data.items.length > 20 ? ' …' : ''}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                loading={reconcile.isPending}
                onClick={() => settle('sent')}
                data-testid="unknown-sent"
              >
                {t('dispatch.unknown.markSent', { count: ids.length })}
              </Button>
              <Button
                size="xs"
                variant="light"
                loading={reconcile.isPending}
                onClick={() => settle('resend')}
                data-testid="unknown-resend"
              >
                {t('dispatch.unknown.resend', { count: ids.length })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Alert>
  );
}
