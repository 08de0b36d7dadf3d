import { Group, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.txt', '.csv'],
  'application/vnd.ms-excel': ['.csv'],
  'application/csv': ['.csv'],
};

interface Props {
  file: File | null;
  loading: boolean;
  onFile: (file: File) => void;
  onReject: () => void;
}

export function FileStep({ file, loading, onFile, onReject }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Dropzone
      onDrop={(files) => {
        const first = files[0];
        if (first) onFile(first);
      }}
      onReject={onReject}
      accept={ACCEPT}
      multiple={false}
      loading={loading}
      data-testid="import-dropzone"
      name="file"
    >
      <Group justify="center" mih={160} style={{ pointerEvents: 'none' }}>
        <Stack align="center" gap={4}>
          <Text size="lg" fw={500}>
            {t('imports.drop')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('imports.dropHint')}
          </Text>
          {file && (
            <Text size="sm" mt="sm" data-testid="chosen-file">
              {file.name} · {f.bytes(file.size)}
            </Text>
          )}
        </Stack>
      </Group>
    </Dropzone>
  );
}
