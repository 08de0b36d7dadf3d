import { Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { letterProof, type PreviewRequest } from '../../api/content-preview';

/** Opens a blob as a download (the browser's PDF viewer takes over when it is set to open PDFs). */
function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL; free it a little later
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The letter as it will be printed for the preview contact, as a PDF. Rendered on demand (a PDF per keystroke
 * would be wasteful); the errors of a refused letter go to the fields through `onError`.
 */
export function LetterProofButton({
  request,
  filename,
  onResult,
}: {
  request: Omit<PreviewRequest, 'channel'> | null;
  filename: string;
  onResult: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const proof = useMutation({
    mutationFn: letterProof,
    onSuccess: (blob) => {
      onResult(null);
      download(blob, filename);
    },
    onError: (error) => onResult(error),
  });
  return (
    <>
      {/* an anchor, not a button: the proof stays available in a read-only builder's disabled fieldset */}
      <Button
        component="a"
        href="#"
        variant="light"
        loading={proof.isPending}
        data-disabled={request === null || undefined}
        onClick={(e) => {
          e.preventDefault();
          if (request) proof.mutate(request);
        }}
        data-testid="letter-proof"
      >
        {t('campaignContent.preview.downloadProof')}
      </Button>
      {request === null && (
        <Text size="xs" c="dimmed">
          {t('campaignContent.preview.writeFirst')}
        </Text>
      )}
    </>
  );
}
