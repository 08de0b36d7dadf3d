import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UploadProgress } from '../../../lib/upload';
import {
  conversionSummary,
  lookupCode,
  type RedemptionBody,
  recordRedemption,
  recordReturnedCodes,
  uploadReturnedMail,
} from '../api/redemption';

const SUMMARY = ['conversions', 'summary'] as const;

export function useLookupCode() {
  return useMutation({ mutationFn: (code: string) => lookupCode(code) });
}

export function useRecordRedemption() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RedemptionBody) => recordRedemption(body),
    // the board, the follow-ups and the summary count it now
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useConversionSummary() {
  return useQuery({ queryKey: SUMMARY, queryFn: ({ signal }) => conversionSummary(signal) });
}

export function useRecordReturnedCodes() {
  return useMutation({ mutationFn: (codes: string[]) => recordReturnedCodes(codes) });
}

export function useUploadReturnedMail(onProgress: (p: UploadProgress) => void) {
  return useMutation({ mutationFn: (file: File) => uploadReturnedMail(file, onProgress) });
}
