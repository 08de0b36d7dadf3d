import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from '../../../lib/session';
import { type Credentials, login } from '../api/login';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => login(credentials),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}
