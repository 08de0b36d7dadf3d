import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Stepper, Text } from '@mantine/core';
import { missingRequired } from '@relance/domain/import-fields';
import { IMPORT_KINDS, type ImportKind } from '@relance/domain/vocabulary';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFoundPage } from '../../../components/not-found-page';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import { currentLanguage } from '../../../lib/i18n';
import { useCan } from '../../../lib/session';
import type { UploadProgress } from '../../../lib/upload';
import { previewImport, startImport } from '../api/imports';
import { duplicateTargets, fieldOptions, initialMapping } from '../hooks/import-fields';
import { FileStep } from './file-step';
import { MappingStep } from './mapping-step';

export function ImportWizardPage() {
  const { kind } = useParams();
  if (!IMPORT_KINDS.includes(kind as ImportKind)) return <NotFoundPage />;
  return <ImportWizard kind={kind as ImportKind} key={kind} />;
}

function ImportWizard({ kind }: { kind: ImportKind }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [rejected, setRejected] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<UploadProgress | null>(null);

  const preview = useMutation({
    mutationFn: (chosen: File) => previewImport(kind, chosen),
    onSuccess: (answer) => setMapping(initialMapping(answer)),
  });
  const upload = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      setProgress({ loaded: 0, total: file.size });
      return startImport(kind, file, mapping, setProgress);
    },
    onSuccess: ({ id }) => navigate(`/imports/${kind}/${id}`),
  });

  const fields = useMemo(
    () => fieldOptions(kind, currentLanguage(i18n.resolvedLanguage)),
    [kind, i18n.resolvedLanguage],
  );

  if (!can(kind === 'contacts' ? 'contacts:import' : 'orders:import')) return null;

  // the same checks as the server's: a file without its required columns would fail as a whole
  const blocked = missingRequired(mapping, kind).length > 0 || duplicateTargets(mapping).size > 0;
  const step = upload.isPending || upload.isSuccess ? 2 : preview.data ? 1 : 0;
  const uploadFieldErrors = upload.error instanceof ApiError ? upload.error.fieldErrorRecord() : {};

  const onFile = (chosen: File) => {
    setRejected(false);
    setFile(chosen);
    upload.reset();
    preview.mutate(chosen);
  };

  const restart = () => {
    setFile(null);
    preview.reset();
    upload.reset();
    setProgress(null);
  };

  return (
    <>
      <Anchor component={Link} to="/imports" size="sm">
        ← {t('imports.back')}
      </Anchor>
      <PageHeader title={t(`imports.new.${kind}`)} subtitle={t('imports.wizardSubtitle')} />
      <Paper withBorder p="lg">
        <Stepper active={step} size="sm" mb="xl" allowNextStepsSelect={false}>
          <Stepper.Step label={t('imports.stepFile')} />
          <Stepper.Step label={t('imports.stepMapping')} />
          <Stepper.Step label={t('imports.stepUpload')} />
        </Stepper>

        {step === 0 && (
          <Stack>
            <FileStep
              file={file}
              loading={preview.isPending}
              onFile={onFile}
              onReject={() => setRejected(true)}
            />
            {rejected && (
              <Alert color="red" variant="light" data-testid="file-rejected">
                {t('imports.rejected')}
              </Alert>
            )}
            <ProblemAlert error={preview.error} withFieldErrors />
          </Stack>
        )}

        {step === 1 && preview.data && (
          <Stack>
            <Group justify="space-between">
              <Text size="sm">
                <strong>{file?.name}</strong> · {f.bytes(file?.size)}
              </Text>
              <Button variant="subtle" size="xs" onClick={restart}>
                {t('imports.otherFile')}
              </Button>
            </Group>
            <MappingStep
              kind={kind}
              preview={preview.data}
              fields={fields}
              mapping={mapping}
              fieldErrors={uploadFieldErrors}
              onChange={(header, value) => setMapping((m) => ({ ...m, [header]: value }))}
            />
            <ProblemAlert error={upload.error} withFieldErrors />
            <Group justify="flex-end">
              {blocked && (
                <Text size="sm" c="red">
                  {t('imports.fixMapping')}
                </Text>
              )}
              <Button onClick={() => upload.mutate()} disabled={blocked} data-testid="start-import">
                {t('imports.start')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 2 && (
          <Stack data-testid="upload-progress">
            <Text size="sm">{t('imports.uploading', { name: file?.name })}</Text>
            <Progress
              value={progress && progress.total > 0 ? (progress.loaded / progress.total) * 100 : 0}
              animated
            />
            <Text size="xs" c="dimmed">
              {f.bytes(progress?.loaded ?? 0)} / {f.bytes(progress?.total ?? file?.size ?? 0)}
            </Text>
          </Stack>
        )}
      </Paper>
    </>
  );
}
