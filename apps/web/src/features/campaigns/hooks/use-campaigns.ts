import { useDebouncedValue } from '@mantine/hooks';
import type { CampaignInput } from '@relance/domain/planning/campaign-input';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type Campaign,
  cloneCampaign,
  createCampaign,
  forecastPlan,
  getCampaign,
  listCampaigns,
  replaceCampaign,
  sendCampaignEvent,
} from '../api/campaigns';

const KEY = ['campaigns'] as const;

export function useCampaigns() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => listCampaigns(signal) });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: ({ signal }) => getCampaign(id!, signal),
    enabled: Boolean(id),
  });
}

/** Create when there is no id yet, else replace the draft with the version loaded. */
export function useSaveCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; plan: CampaignInput }) =>
      input.id && input.version
        ? replaceCampaign(input.id, input.version, input.plan)
        : createCampaign(input.plan),
    onSuccess: (saved: Campaign) => {
      queryClient.setQueryData([...KEY, saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: KEY, exact: true });
    },
  });
}

/** Moves a campaign through its lifecycle; the campaign's cache takes the answer. */
export function useCampaignEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; event: string; version: number; variant?: string }) =>
      sendCampaignEvent(input.id, input.event, input.version, input.variant),
    onSuccess: (saved: Campaign) => {
      queryClient.setQueryData([...KEY, saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: KEY, exact: true });
      // the sending progress follows the new status at once
      void queryClient.invalidateQueries({ queryKey: [...KEY, saved.id, 'dispatch'] });
    },
  });
}

export function useCloneCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => cloneCampaign(id, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY, exact: true }),
  });
}

/** The live forecast of the plan being edited (null while the plan is invalid), asked 400 ms after the last edit. */
export function useLiveForecast(plan: CampaignInput | null) {
  const key = plan ? JSON.stringify(plan) : null;
  const [debouncedKey] = useDebouncedValue(key, 400);
  return useQuery({
    queryKey: [...KEY, 'forecast', debouncedKey],
    queryFn: ({ signal }) => forecastPlan(JSON.parse(debouncedKey!) as CampaignInput, signal),
    enabled: debouncedKey !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
