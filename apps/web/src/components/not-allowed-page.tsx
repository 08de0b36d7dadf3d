import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotAllowedPage() {
  const { t } = useTranslation();
  return (
    <Center py={80} data-testid="not-allowed">
      <Stack align="center" gap="sm">
        <Title order={2}>{t('notAllowed.title')}</Title>
        <Text c="dimmed" ta="center" maw={420}>
          {t('notAllowed.body')}
        </Text>
        <Button component={Link} to="/" variant="light">
          {t('notAllowed.home')}
        </Button>
      </Stack>
    </Center>
  );
}
