import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../lib/api-client';

const modeSchema = z.object({
  sandbox: z.boolean(),
  channels: z.record(z.string(), z.string()).nullable(),
});

/**
 * Says plainly, on every page, when messages go to the local provider sandbox instead of real recipients (no
 * provider credentials: `pnpm start`'s demo, tests), and which channels.
 */
export function SandboxBanner() {
  const { t } = useTranslation();
  const mode = useQuery({
    queryKey: ['dispatch', 'mode'],
    queryFn: ({ signal }) => api('/api/dispatch/mode', modeSchema, { signal }),
    staleTime: 10 * 60_000,
  });
  if (!mode.data?.sandbox) return null;
  const channels = Object.entries(mode.data.channels ?? {})
    .filter(([, m]) => m === 'sandbox')
    .map(([c]) => t(`dispatch.channels.${c}`))
    .join(', ');
  return (
    <Alert color="yellow" variant="filled" radius={0} py={6} data-testid="sandbox-banner">
      {t('dispatch.sandbox', { channels })}
    </Alert>
  );
}
