import { Button, Code, Group, Menu, ScrollArea, Text } from '@mantine/core';
import { MERGE_FIELDS } from '@relance/templates/merge-fields';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../../lib/i18n';

/** The known merge fields of the contact file and the campaign; picking one inserts it where the caret was. */
export function MergeFieldMenu({ onPick, disabled }: { onPick: (name: string) => void; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  return (
    <Menu position="bottom-end" shadow="md" width={340} withinPortal>
      <Menu.Target>
        <Button size="xs" variant="light" disabled={disabled} data-testid="merge-field-menu">
          {t('campaignContent.mergeFields.insert')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('campaignContent.mergeFields.hint')}</Menu.Label>
        <ScrollArea.Autosize mah={320} type="auto">
          {MERGE_FIELDS.map((field) => (
            <Menu.Item
              key={field.name}
              onClick={() => onPick(field.name)}
              data-testid={`merge-field-${field.name}`}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm">{field.label[language]}</Text>
                <Code>{`{{${field.name}}}`}</Code>
              </Group>
              <Text size="xs" c="dimmed">
                {t('campaignContent.mergeFields.example', { value: field.example })}
              </Text>
            </Menu.Item>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
