import { useQuery } from '@tanstack/react-query';
import { listAudienceSegments } from '../api/audience-segments';

/** The saved segments, asked only once the audience picker shows them. */
export function useAudienceSegments(enabled: boolean) {
  return useQuery({
    queryKey: ['campaigns', 'audience-segments'],
    queryFn: ({ signal }) => listAudienceSegments(signal),
    enabled,
  });
}
