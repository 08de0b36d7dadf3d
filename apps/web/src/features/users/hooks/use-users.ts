import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createUser, listUsers, type NewUser, type UserChange, updateUser } from '../api/users';

const KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => listUsers(signal) });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => createUser(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UserChange }) => updateUser(id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
