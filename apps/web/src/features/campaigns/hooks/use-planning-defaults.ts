import { useQuery } from '@tanstack/react-query';
import { getPlanningDefaults } from '../api/planning-defaults';

/**
 * The workspace's planning defaults, read afresh each time the builder opens (an admin may have changed them):
 * nothing is kept once the builder is left (gcTime 0), so a new plan never starts from stale defaults.
 */
export function usePlanningDefaults() {
  return useQuery({
    queryKey: ['campaigns', 'planning-defaults'],
    queryFn: ({ signal }) => getPlanningDefaults(signal),
    gcTime: 0,
    retry: false,
  });
}
