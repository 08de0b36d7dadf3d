import { Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" data-testid="loading">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label ?? t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl" data-testid="empty">
      <Stack align="center" gap={4}>
        <Text fw={500}>{title}</Text>
        {children ? (
          <Text size="sm" c="dimmed" ta="center">
            {children}
          </Text>
        ) : null}
      </Stack>
    </Center>
  );
}
