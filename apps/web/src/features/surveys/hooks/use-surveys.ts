import type { SurveyDefinition, SurveyPurpose } from '@relance/domain/surveys/survey-definition';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  closeWave,
  createSurvey,
  getCampaignSteps,
  getSurvey,
  getWaveReport,
  inviteContact,
  listCampaignsBrief,
  listOpenWaves,
  listSurveys,
  type NewWave,
  openWave,
  runMoments,
  saveSurvey,
} from '../api/surveys';

export const surveyKeys = {
  all: ['surveys'] as const,
  list: () => ['surveys', 'list'] as const,
  one: (id: string) => ['surveys', 'one', id] as const,
  report: (waveId: string) => ['surveys', 'report', waveId] as const,
  openWaves: () => ['surveys', 'open-waves'] as const,
  campaigns: () => ['surveys', 'campaigns'] as const,
  steps: (campaignId: string) => ['surveys', 'campaign-steps', campaignId] as const,
};

export const useSurveyList = () =>
  useQuery({ queryKey: surveyKeys.list(), queryFn: ({ signal }) => listSurveys(signal) });

export const useSurvey = (id: string) =>
  useQuery({ queryKey: surveyKeys.one(id), queryFn: ({ signal }) => getSurvey(id, signal) });

export const useWaveReport = (waveId: string) =>
  useQuery({
    queryKey: surveyKeys.report(waveId),
    queryFn: ({ signal }) => getWaveReport(waveId, signal),
    refetchInterval: 60_000,
  });

export const useOpenWaves = (enabled: boolean) =>
  useQuery({ queryKey: surveyKeys.openWaves(), queryFn: ({ signal }) => listOpenWaves(signal), enabled });

export const useCampaignChoices = (enabled: boolean) =>
  useQuery({
    queryKey: surveyKeys.campaigns(),
    queryFn: ({ signal }) => listCampaignsBrief(signal),
    enabled,
  });

export const useCampaignSteps = (campaignId: string | null) =>
  useQuery({
    queryKey: surveyKeys.steps(campaignId ?? ''),
    queryFn: ({ signal }) => getCampaignSteps(campaignId ?? '', signal),
    enabled: !!campaignId,
  });

export function useCreateSurvey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; purpose: SurveyPurpose }) => createSurvey(body),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.list() }),
  });
}

export function useSaveSurvey(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; definition: SurveyDefinition; version: number }) =>
      saveSurvey(id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useOpenWave(surveyId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWave) => openWave(surveyId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useCloseWave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (waveId: string) => closeWave(waveId),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export const useRunMoments = () => useMutation({ mutationFn: runMoments });

export const useInviteContact = () =>
  useMutation({
    mutationFn: ({ waveId, contactId }: { waveId: string; contactId: number }) =>
      inviteContact(waveId, contactId),
  });
