import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-error';

interface Props {
  error: unknown;
  /** list the field errors too (when the form cannot show them next to a field) */
  withFieldErrors?: boolean;
  /** field paths already shown next to their field, left out of the list */
  shownFields?: readonly string[];
}

/** Shows an API failure plainly: what went wrong, in the user's language when the code is known. */
export function ProblemAlert({ error, withFieldErrors = false, shownFields = [] }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const title = apiError
    ? t(`errors.${apiError.code}`, { defaultValue: apiError.title })
    : t('errors.internal');
  const detail = apiError ? apiError.message : error instanceof Error ? error.message : String(error);
  const fieldErrors = withFieldErrors
    ? (apiError?.fieldErrors ?? []).filter((e) => !shownFields.includes(e.field))
    : [];
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="problem">
      {detail && detail !== title ? detail : null}
      {fieldErrors.length > 0 && (
        <List size="sm" mt="xs">
          {fieldErrors.map((e) => (
            <List.Item key={`${e.field}:${e.message}`}>
              <strong>{e.field}</strong>: {e.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
