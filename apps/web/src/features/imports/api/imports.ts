import type { ImportKind } from '@relance/domain/vocabulary';
import { api } from '../../../lib/api-client';
import { type UploadProgress, uploadForm } from '../../../lib/upload';
import { acceptedSchema, importListSchema, importSchema, previewSchema } from './schemas';

/** The preview needs only the head of the file: encoding, delimiter, headers and a few rows. */
export const PREVIEW_BYTES = 64 * 1024;

const base = (kind: ImportKind) => `/api/${kind}/imports`;

export function previewImport(kind: ImportKind, file: File) {
  const form = new FormData();
  form.append('file', file.slice(0, PREVIEW_BYTES, file.type), file.name);
  return api(`${base(kind)}/preview`, previewSchema, { method: 'POST', body: form });
}

/** Sends the whole file with its mapping; the mapping goes first (the API reads it before the file). */
export function startImport(
  kind: ImportKind,
  file: File,
  mapping: Record<string, string>,
  onProgress: (progress: UploadProgress) => void,
) {
  const form = new FormData();
  form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return uploadForm(base(kind), form, acceptedSchema, onProgress);
}

export function listImports(kind: ImportKind, signal?: AbortSignal) {
  return api(base(kind), importListSchema, { signal });
}

export function getImport(kind: ImportKind, id: string, signal?: AbortSignal) {
  return api(`${base(kind)}/${encodeURIComponent(id)}`, importSchema, { signal });
}

export function errorsCsvUrl(kind: ImportKind, id: string): string {
  return `${base(kind)}/${encodeURIComponent(id)}/errors.csv`;
}
