import {
  type CodeDescription,
  type ConversionSummary,
  codeDescription,
  conversionSummaryAnswer,
  type Recorded,
  type ReturnedAnswer,
  type ReturnedLine,
  recordedConversion,
  returnedMailAnswer,
} from '@relance/domain/api/redemptions';
import type { ConversionKind } from '@relance/domain/tracking/attribution';
import {
  RETURNED_LINE_STATUSES as RETURNED_STATUSES,
  type ReturnedLineStatus as ReturnedStatus,
} from '@relance/domain/tracking/returned-mail';
import { api } from '../../../lib/api-client';
import { type UploadProgress, uploadForm } from '../../../lib/upload';

export type { CodeDescription, ConversionSummary, Recorded, ReturnedAnswer, ReturnedLine, ReturnedStatus };
export { RETURNED_STATUSES };

export function lookupCode(code: string) {
  return api('/api/redemptions/lookup', codeDescription, { method: 'POST', body: { code } });
}

export interface RedemptionBody {
  code: string;
  kind: ConversionKind;
  amountCents?: number | null;
  idempotencyKey: string;
  email?: string;
  phone?: string;
}

export function recordRedemption(body: RedemptionBody) {
  return api('/api/redemptions', recordedConversion, { method: 'POST', body });
}

export function conversionSummary(signal?: AbortSignal) {
  return api('/api/conversions/summary', conversionSummaryAnswer, { signal });
}

export function recordReturnedCodes(codes: string[]) {
  return api('/api/returned-mail', returnedMailAnswer, { method: 'POST', body: { codes } });
}

export function uploadReturnedMail(file: File, onProgress: (p: UploadProgress) => void) {
  const form = new FormData();
  form.append('file', file);
  return uploadForm('/api/returned-mail/upload', form, returnedMailAnswer, onProgress);
}
