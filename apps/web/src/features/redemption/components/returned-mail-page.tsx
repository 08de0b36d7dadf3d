import { Button, Card, FileInput, Group, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import type { UploadProgress } from '../../../lib/upload';
import type { ReturnedLine } from '../api/redemption';
import { useRecordReturnedCodes, useUploadReturnedMail } from '../hooks/use-redemption';
import { ReturnedCounts, ReturnedLinesTable } from './returned-lines';

/** At most this many line results are listed (the counts cover every line). */
const SHOWN = 500;

/**
 * Returned letters (NPAI): scan the letters one after the other (each scan ends with Enter and is recorded at
 * once, the field stays ready for the next), or upload the mail house's file. Every line is answered.
 */
export function ReturnedMailPage() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [scans, setScans] = useState<ReturnedLine[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const scan = useRecordReturnedCodes();
  const upload = useUploadReturnedMail(setProgress);

  const onScan = (event: React.FormEvent) => {
    event.preventDefault();
    const code = text.trim();
    if (!code) return;
    setText('');
    scan.mutate([code], {
      onSuccess: (answer) =>
        setScans((s) => [...answer.lines.map((l) => ({ ...l, line: s.length + 1 })), ...s].slice(0, SHOWN)),
    });
    input.current?.focus();
  };

  const fileLines = upload.data?.lines.filter((l) => l.status !== 'recorded').slice(0, SHOWN) ?? [];

  return (
    <>
      <PageHeader title={t('returnedMail.title')} subtitle={t('returnedMail.subtitle')} />
      <Stack maw={860}>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={4}>{t('returnedMail.scanTitle')}</Title>
            <form onSubmit={onScan} noValidate data-testid="returned-scan-form">
              <TextInput
                ref={input}
                size="xl"
                label={t('returnedMail.codeLabel')}
                description={t('returnedMail.codeHint')}
                placeholder="K7QMZ-4XPTR"
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.08em' } }}
                data-testid="returned-code"
              />
            </form>
            <ProblemAlert error={scan.error} />
            {scans.length > 0 && (
              <ReturnedLinesTable
                lines={scans}
                lineLabel={t('returnedMail.scanNumber')}
                testId="returned-scans"
              />
            )}
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={4}>{t('returnedMail.fileTitle')}</Title>
            <Text size="sm" c="dimmed">
              {t('returnedMail.fileHint')}
            </Text>
            <Group align="flex-end">
              <FileInput
                style={{ flex: 1 }}
                label={t('returnedMail.file')}
                accept=".csv,text/csv,text/plain"
                value={file}
                onChange={setFile}
                clearable
                data-testid="returned-file"
              />
              <Button
                disabled={!file}
                loading={upload.isPending}
                onClick={() => file && upload.mutate(file)}
                data-testid="returned-upload"
              >
                {t('returnedMail.upload')}
              </Button>
            </Group>
            {upload.isPending && progress && progress.total > 0 && (
              <Progress value={(progress.loaded / progress.total) * 100} />
            )}
            <ProblemAlert error={upload.error} />
            {upload.data && (
              <>
                <ReturnedCounts counts={upload.data.counts} />
                {fileLines.length > 0 ? (
                  <ReturnedLinesTable
                    lines={fileLines}
                    lineLabel={t('returnedMail.fileLine')}
                    testId="returned-file-lines"
                  />
                ) : (
                  <Text size="sm">{t('returnedMail.allRecorded')}</Text>
                )}
              </>
            )}
          </Stack>
        </Card>
      </Stack>
    </>
  );
}
