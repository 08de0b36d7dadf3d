import type { Readable } from 'node:stream';
import { AppError } from '@relance/domain/errors';
import busboy from 'busboy';
import type { Request } from 'express';

export interface FileInfo {
  filename: string;
  mimeType: string;
}

/**
 * Streams a multipart upload's `file` field into `handleFile` without holding it in memory. Text fields sent
 * before the file are passed along with it (send `mapping` before `file`).
 */
export function receiveUpload<R>(
  req: Request,
  options: {
    maxBytes: number;
    /** what to say when no file came (default: the CSV's) */
    missingFile?: string;
    /** the error for a file over maxBytes (default: a generic one) */
    tooLarge?: () => Error;
    handleFile: (stream: Readable, info: FileInfo, fields: Record<string, string>) => Promise<R>;
  },
): Promise<R> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file".'),
    );
  }
  return new Promise<R>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let handling: Promise<R> | null = null;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(err);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, fieldSize: 1024 * 1024, fileSize: options.maxBytes },
      });
    } catch (err) {
      reject(new AppError('bad_request', `The multipart body cannot be read: ${(err as Error).message}`));
      return;
    }
    parser.on('field', (name, value) => {
      if (handling && name === 'mapping') {
        fail(
          AppError.validation('Send the mapping field before the file field.', [
            { field: 'mapping', message: 'Must come before "file" in the form' },
          ]),
        );
      }
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || handling) {
        stream.resume();
        return;
      }
      stream.on('limit', () => {
        stream.destroy(
          options.tooLarge?.() ??
            new AppError(
              'payload_too_large',
              `The file is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB.`,
            ),
        );
      });
      const file = { filename: info.filename || 'upload.csv', mimeType: info.mimeType };
      // a handler that throws at once (e.g. a bad mapping) still rejects this promise, and the file is drained
      handling = Promise.resolve().then(() => options.handleFile(stream, file, { ...fields }));
      handling.catch((err) => {
        stream.resume();
        fail(err);
      });
    });
    parser.on('error', (err: Error) =>
      fail(new AppError('bad_request', `The upload was cut or malformed: ${err.message}`)),
    );
    parser.on('close', () => {
      if (failed) return;
      if (!handling) {
        const missing = options.missingFile ?? 'Attach the CSV file.';
        fail(
          AppError.validation(missing, [
            {
              field: 'file',
              message: options.missingFile ?? 'Attach a CSV file in the field "file"',
            },
          ]),
        );
        return;
      }
      handling.then(resolve, fail);
    });
    req.pipe(parser);
  });
}

/** The first `limit` bytes of a stream; the rest is drained and dropped. */
export async function readHead(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size < limit) {
      const piece = (chunk as Buffer).subarray(0, limit - size);
      chunks.push(piece);
      size += piece.length;
    }
  }
  return Buffer.concat(chunks);
}
