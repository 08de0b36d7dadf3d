import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type ContactFilters, FILTER_KEYS } from '../api/contacts';

/** The list's filters live in the URL: shareable, and kept when coming back from a contact. */
export function useContactFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: ContactFilters = {};
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) f[key] = value;
    }
    return f;
  }, [params]);

  const setFilters = useCallback(
    (patch: Partial<ContactFilters>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, setFilters, reset };
}
