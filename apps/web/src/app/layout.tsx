import { AppShell, Avatar, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Permission } from '@relance/domain/permissions';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { SandboxBanner } from '../components/sandbox-banner';
import { DueCountBadge } from '../features/follow-ups/components/due-count-badge';
import { logout, SESSION_KEY, useCan, useCurrentUser } from '../lib/session';

interface NavItem {
  to: string;
  label: string;
  anyOf: readonly Permission[];
  testId: string;
}

const NAV: readonly NavItem[] = [
  { to: '/contacts', label: 'nav.contacts', anyOf: ['contacts:read'], testId: 'nav-contacts' },
  { to: '/calls', label: 'callbacks.nav.calls', anyOf: ['calls:work'], testId: 'nav-calls' },
  {
    to: '/call-centre',
    label: 'callbacks.nav.manager',
    anyOf: ['calls:manage'],
    testId: 'nav-call-centre',
  },
  { to: '/campaigns', label: 'nav.campaigns', anyOf: ['campaigns:read'], testId: 'nav-campaigns' },
  { to: '/board', label: 'board.portfolio.title', anyOf: ['board:read'], testId: 'nav-board' },
  { to: '/follow-ups', label: 'followUps.nav.board', anyOf: ['campaigns:read'], testId: 'nav-follow-ups' },
  {
    to: '/follow-ups/due',
    label: 'followUps.nav.due',
    anyOf: ['campaigns:read'],
    testId: 'nav-reminders-due',
  },
  { to: '/segments', label: 'segments.nav', anyOf: ['segments:read'], testId: 'nav-segments' },
  { to: '/surveys', label: 'surveys.nav', anyOf: ['surveys:read'], testId: 'nav-surveys' },
  { to: '/winback', label: 'winback.nav.page', anyOf: ['contacts:read'], testId: 'nav-winback' },
  { to: '/redeem', label: 'redemption.nav', anyOf: ['codes:redeem'], testId: 'nav-redeem' },
  {
    to: '/returned-mail',
    label: 'returnedMail.nav',
    anyOf: ['returned-mail:record'],
    testId: 'nav-returned-mail',
  },
  {
    to: '/imports',
    label: 'nav.imports',
    anyOf: ['contacts:import', 'orders:import'],
    testId: 'nav-imports',
  },
  { to: '/users', label: 'nav.users', anyOf: ['users:manage'], testId: 'nav-users' },
  { to: '/api-keys', label: 'nav.apiKeys', anyOf: ['api-keys:manage'], testId: 'nav-api-keys' },
  {
    to: '/settings/indicators',
    label: 'nav.indicators',
    anyOf: ['settings:manage'],
    testId: 'nav-indicators',
  },
  {
    to: '/settings/planning',
    label: 'planningSettings.nav',
    anyOf: ['settings:manage'],
    testId: 'nav-planning-settings',
  },
  {
    to: '/settings/winback',
    label: 'winback.nav.settings',
    anyOf: ['settings:manage'],
    testId: 'nav-winback-settings',
  },
];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

/** The shell: header with the user and logout, navigation showing only what the role can use. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const user = useCurrentUser();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const onLogout = async () => {
    try {
      await logout();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
      navigate('/login', { replace: true });
    }
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={3} c="teal.8" style={{ letterSpacing: '-0.02em' }}>
              Relance
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Avatar color="teal" radius="xl" size="sm">
              {initials(user.name)}
            </Avatar>
            <Stack gap={0} visibleFrom="xs">
              <Text size="sm" fw={500} data-testid="current-user">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" data-testid="current-role">
                {t(`roles.${user.role}`)}
              </Text>
            </Stack>
            <Button variant="subtle" color="gray" size="xs" onClick={onLogout} data-testid="logout">
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        {NAV.filter((item) => item.anyOf.some((p) => can(p))).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            rightSection={item.to === '/follow-ups/due' ? <DueCountBadge /> : undefined}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
            onClick={close}
            data-testid={item.testId}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        ))}
        {can('queues:manage') && (
          // the BullMQ dashboard is served by the API itself, outside the app
          <NavLink
            component="a"
            href="/api/admin/queues"
            target="_blank"
            rel="noopener"
            label={t('dispatch.queues')}
            data-testid="nav-queues"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        )}
        <Badge variant="light" color="gray" mt="auto" size="sm">
          {t(`roles.${user.role}`)}
        </Badge>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <SandboxBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
