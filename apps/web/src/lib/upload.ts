import type { z } from 'zod';
import { notifyUnauthenticated, writeHeaders } from './api-client';
import { ApiError, apiErrorFrom } from './api-error';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POSTs a multipart form with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * Same contract as `api`: CSRF header, cookies, problem+json errors, 401 → login.
 */
export function uploadForm<S extends z.ZodType>(
  path: string,
  form: FormData,
  schema: S,
  onProgress: (progress: UploadProgress) => void,
): Promise<z.infer<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = false; // same-origin: cookies are sent anyway
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', title: 'Network error' }));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        if (xhr.status === 401) notifyUnauthenticated();
        reject(apiErrorFrom(xhr.status, xhr.responseText, xhr.statusText));
        return;
      }
      try {
        const parsed = schema.safeParse(JSON.parse(xhr.responseText));
        if (parsed.success) resolve(parsed.data);
        else
          reject(new ApiError({ status: xhr.status, code: 'invalid_response', title: 'Unexpected answer' }));
      } catch {
        reject(new ApiError({ status: xhr.status, code: 'invalid_response', title: 'Unexpected answer' }));
      }
    };
    xhr.send(form);
  });
}
