import { Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { messageLine } from './content-values';

/**
 * A field's errors for Mantine's `error` prop, one per line. When `onLine` is given, a message naming a line
 * (MJML errors, merge fields) gets a link that selects that line in the source.
 */
export function fieldMessages(messages: readonly string[], onLine?: (line: number) => void): ReactNode {
  if (messages.length === 0) return undefined;
  return <FieldMessages messages={messages} onLine={onLine} />;
}

function FieldMessages({
  messages,
  onLine,
}: {
  messages: readonly string[];
  onLine?: (line: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} component="span" data-testid="field-errors">
      {messages.map((message) => {
        const line = onLine ? messageLine(message) : null;
        return (
          <span key={message}>
            {message}
            {line !== null && (
              <>
                {' '}
                <Anchor component="button" type="button" size="xs" onClick={() => onLine?.(line)}>
                  {t('campaignContent.goToLine', { line })}
                </Anchor>
              </>
            )}
          </span>
        );
      })}
    </Stack>
  );
}
