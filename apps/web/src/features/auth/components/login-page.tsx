import {
  Alert,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useSession } from '../../../lib/session';
import { useLogin } from '../hooks/use-login';

/** Only same-app paths: never follow `next` to another origin. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const loginMutation = useLogin();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : t('login.emailInvalid')),
      password: (v) => (v ? null : t('login.passwordRequired')),
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = form.onSubmit((values) => {
    loginMutation.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
        },
      },
    );
  });

  const error = loginMutation.error;
  const rateLimited = error instanceof ApiError && error.code === 'rate_limited';
  const badCredentials = error instanceof ApiError && error.code === 'unauthenticated';
  const shownFields = ['email', 'password'];

  return (
    <Box mih="100vh" bg="gray.0">
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" w={400} radius="lg">
          <form onSubmit={onSubmit} noValidate>
            <Stack>
              <Stack gap={2}>
                <Title order={2} c="teal.8">
                  Relance
                </Title>
                <Text c="dimmed" size="sm">
                  {t('login.subtitle')}
                </Text>
              </Stack>
              {rateLimited ? (
                <Alert
                  color="orange"
                  variant="light"
                  title={t('login.rateLimitedTitle')}
                  data-testid="rate-limited"
                >
                  {t('login.rateLimited')}
                </Alert>
              ) : badCredentials ? (
                <Alert color="red" variant="light" data-testid="bad-credentials">
                  {t('login.badCredentials')}
                </Alert>
              ) : error ? (
                <ProblemAlert error={error} withFieldErrors shownFields={shownFields} />
              ) : null}
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                name="email"
                required
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                name="password"
                required
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={loginMutation.isPending} fullWidth mt="xs">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
