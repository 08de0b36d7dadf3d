import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getCampaignBoard, getPortfolio, type Period } from '../api/board';

export const boardKeys = {
  campaign: (id: string) => ['board', 'campaign', id] as const,
  portfolio: (period: Period) => ['board', 'portfolio', period.from, period.to] as const,
};

/** A campaign's board, refreshed every 30 s while open (the counters move as answers come in). */
export function useCampaignBoard(id: string) {
  return useQuery({
    queryKey: boardKeys.campaign(id),
    queryFn: ({ signal }) => getCampaignBoard(id, signal),
    refetchInterval: 30_000,
  });
}

export function usePortfolio(period: Period) {
  return useQuery({
    queryKey: boardKeys.portfolio(period),
    queryFn: ({ signal }) => getPortfolio(period, signal),
    placeholderData: keepPreviousData,
  });
}
