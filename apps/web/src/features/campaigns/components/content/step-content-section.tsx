import { Badge, Button, Collapse, Divider, Grid, Group, Text } from '@mantine/core';
import type { Channel } from '@relance/domain/vocabulary';
import { type MouseEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../lib/api-error';
import type { PreviewRequest } from '../../api/content-preview';
import { useLivePreview } from '../../hooks/use-content-preview';
import type { PlanForm } from '../number-fields';
import { ContentPreviewPanel } from './content-preview-panel';
import {
  type ContentValues,
  contentForPlan,
  emptyContent,
  type FieldMessage,
  isUnwritten,
  mergeMessages,
  messagesByField,
  splitFormErrors,
  unplacedMessages,
  valueAtPath,
} from './content-values';
import type { ContentEditorProps } from './editor-props';
import { EmailContentEditor } from './email-content-editor';
import { LetterContentEditor } from './letter-content-editor';
import { LetterProofButton } from './letter-proof-button';
import { PhoneContentEditor } from './phone-content-editor';
import { usePreviewContact } from './preview-contact';
import { SmsContentEditor } from './sms-content-editor';
import { VoiceContentEditor } from './voice-content-editor';

function ChannelEditor({ channel, ...props }: ContentEditorProps & { channel: Channel }) {
  switch (channel) {
    case 'email':
      return <EmailContentEditor {...props} />;
    case 'sms':
      return <SmsContentEditor {...props} />;
    case 'voice':
      return <VoiceContentEditor {...props} />;
    case 'postal':
      return <LetterContentEditor {...props} />;
    case 'phone':
      return <PhoneContentEditor {...props} />;
    default: {
      const never: never = channel;
      return never;
    }
  }
}

/** An answer's errors: its field errors, or its message when it has none (network, server). */
function errorMessages(error: unknown): FieldMessage[] {
  if (!error) return [];
  if (error instanceof ApiError)
    return error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: '', message: error.message }];
  return [{ field: '', message: error instanceof Error ? error.message : String(error) }];
}

interface Props {
  form: PlanForm;
  /** the step */
  index: number;
  readOnly: boolean;
  /** where the content is in the form: the step's own by default, or a variant's (`steps.N.variants.V.content`) */
  path?: string;
  /** the content's channel: the step's by default (a variant may test another channel) */
  channel?: Channel;
  title?: string;
}

/**
 * A step's message, folded under its planning fields: the editor for its channel and the live preview for a
 * contact of the file. Errors of the last save (`steps.N.content.*`) and of the live preview (`content.*`) show
 * next to their field; the section opens by itself when a save is refused for its content.
 */
export function StepContentSection({ form, index, readOnly, ...props }: Props) {
  const { t } = useTranslation();
  const step = form.values.steps[index]!;
  const path = props.path ?? `steps.${index}.content`;
  const channel = props.channel ?? step.channel;
  const content = (valueAtPath(form.values, path) as ContentValues | undefined) ?? emptyContent(channel);
  const unwritten = isUnwritten(channel, content);
  const contact = usePreviewContact();
  const [opened, setOpened] = useState(false);
  const [proofError, setProofError] = useState<unknown>(null);

  const saved = messagesByField(splitFormErrors(form.errors), path);
  const savedCount = Object.keys(saved).length;
  useEffect(() => {
    if (savedCount > 0) setOpened(true);
  }, [savedCount]);

  const offer = (form.values.offer as { description?: string } | null)?.description?.trim();
  const base: Omit<PreviewRequest, 'channel'> | null = unwritten
    ? null
    : {
        content: contentForPlan(channel, content),
        ...(contact ? { contactId: contact.id } : {}),
        ...(offer ? { offer: offer.slice(0, 200) } : {}),
      };
  const request = opened && base && channel !== 'postal' ? { ...base, channel } : null;
  const live = useLivePreview(request);
  const contentKey = JSON.stringify(content);
  // a proof's errors are about the letter as it was: an edit makes them stale
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared when the content changes
  useEffect(() => setProofError(null), [contentKey]);
  const answerErrors = errorMessages(channel === 'postal' ? proofError : unwritten ? null : live.error);
  const messages = mergeMessages(saved, messagesByField(answerErrors, 'content'));
  const unplaced = [
    ...unplacedMessages(channel, messages),
    ...answerErrors.filter((e) => e.field !== 'content' && !e.field.startsWith('content.')),
  ];
  const hasErrors = Object.keys(messages).length > 0 || unplaced.length > 0;
  const rendered = live.data?.channel === channel ? live.data : undefined;

  return (
    <>
      <Divider />
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={500} size="sm">
            {props.title ?? t('campaignContent.title')}
          </Text>
          <Badge
            size="sm"
            variant="light"
            color={hasErrors ? 'red' : unwritten ? 'gray' : 'teal'}
            data-testid="step-content-status"
          >
            {t(
              hasErrors
                ? 'campaignContent.status.errors'
                : unwritten
                  ? 'campaignContent.status.unwritten'
                  : 'campaignContent.status.written',
            )}
          </Badge>
        </Group>
        {/* an anchor, not a button: a read-only builder (disabled fieldset) still shows the message */}
        <Button
          component="a"
          href="#"
          size="xs"
          variant="subtle"
          onClick={(e: MouseEvent) => {
            e.preventDefault();
            setOpened((o) => !o);
          }}
          aria-expanded={opened}
          data-testid="step-content-toggle"
        >
          {opened ? t('campaignContent.hide') : t('campaignContent.edit')}
        </Button>
      </Group>
      <Collapse in={opened}>
        {opened && (
          <Grid
            type="container"
            breakpoints={{ xs: '400px', sm: '560px', md: '720px', lg: '960px', xl: '1200px' }}
          >
            <Grid.Col span={{ base: 12, md: 7 }}>
              <ChannelEditor
                key={channel}
                channel={channel}
                form={form}
                index={index}
                path={path}
                content={content}
                messages={messages}
                readOnly={readOnly}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <ContentPreviewPanel
                channel={channel}
                rendered={rendered}
                pending={live.pending}
                unwritten={unwritten}
                unplaced={unplaced}
                hasErrors={hasErrors}
                letterProof={
                  <LetterProofButton
                    request={base}
                    filename={t('campaignContent.preview.proofFile', { step: index + 1 })}
                    onResult={setProofError}
                  />
                }
              />
            </Grid.Col>
          </Grid>
        )}
      </Collapse>
    </>
  );
}
