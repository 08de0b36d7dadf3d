import { Alert, Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { STARTER_TEMPLATES } from '@relance/templates/starter-templates/list';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../../lib/i18n';
import { type EmailContentValues, lineRange } from './content-values';
import { type ContentEditorProps, contentInput } from './editor-props';
import { MergeFieldMenu } from './merge-field-menu';
import { useFieldInsertion } from './use-field-insertion';

const UNSUBSCRIBE = '{{unsubscribeUrl}}';
const MONOSPACE = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 };

/** An email: subject, preheader, the MJML source (from a starter template or written), an optional plain text. */
export function EmailContentEditor(props: ContentEditorProps) {
  const { form, path, readOnly } = props;
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  const content = props.content as EmailContentValues;
  const insertion = useFieldInsertion(form, path, 'mjml');
  const mjmlRef = useRef<HTMLTextAreaElement>(null);
  const [replacing, setReplacing] = useState<string | null>(null);

  const apply = (id: string) => {
    const template = STARTER_TEMPLATES.find((s) => s.id === id);
    if (!template) return;
    form.setFieldValue(path, {
      ...content,
      subject: template.subject,
      preheader: template.preheader,
      mjml: template.mjml,
    });
    setReplacing(null);
  };
  /** selects the line an MJML error names, so that the author sees it at once */
  const goToLine = (line: number) => {
    const area = mjmlRef.current;
    const range = lineRange(content.mjml, line);
    if (!area || !range) return;
    area.focus();
    area.setSelectionRange(range.start, range.end);
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <Select
          size="xs"
          w={320}
          label={t('campaignContent.email.starter')}
          placeholder={t('campaignContent.email.starterPlaceholder')}
          data={STARTER_TEMPLATES.map((s) => ({ value: s.id, label: s.name[language] }))}
          value={null}
          disabled={readOnly}
          onChange={(id) => {
            if (!id) return;
            if (content.mjml.trim() === '') apply(id);
            else setReplacing(id);
          }}
          data-testid="starter-template"
        />
        <MergeFieldMenu onPick={insertion.insert} disabled={readOnly} />
      </Group>
      {replacing && (
        <Alert color="orange" variant="light" data-testid="starter-confirm">
          <Group justify="space-between">
            <Text size="sm">{t('campaignContent.email.replaceConfirm')}</Text>
            <Group gap="xs">
              <Button size="xs" color="orange" onClick={() => apply(replacing)}>
                {t('campaignContent.email.replace')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setReplacing(null)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      <TextInput
        label={t('campaignContent.email.subject')}
        data-testid="email-subject"
        {...contentInput(props, 'subject')}
        {...insertion.track('subject')}
      />
      <TextInput
        label={t('campaignContent.email.preheader')}
        description={t('campaignContent.email.preheaderHint')}
        data-testid="email-preheader"
        {...contentInput(props, 'preheader')}
        {...insertion.track('preheader')}
      />
      <Textarea
        ref={mjmlRef}
        label={t('campaignContent.email.mjml')}
        description={t('campaignContent.email.mjmlHint', { link: UNSUBSCRIBE })}
        autosize
        minRows={8}
        maxRows={24}
        spellCheck={false}
        styles={{ input: MONOSPACE }}
        data-testid="email-mjml"
        {...contentInput(props, 'mjml', goToLine)}
        {...insertion.track('mjml')}
      />
      <Textarea
        label={t('campaignContent.email.text')}
        description={t('campaignContent.email.textHint', { link: UNSUBSCRIBE })}
        autosize
        minRows={2}
        maxRows={12}
        data-testid="email-text"
        {...contentInput(props, 'text')}
        {...insertion.track('text')}
      />
    </Stack>
  );
}
