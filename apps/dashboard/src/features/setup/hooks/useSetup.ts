import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSetupState, runSetup } from '../api';
import { sessionKey } from '../../auth/hooks/useSession';

export const setupKey = ['setup'] as const;

export function useSetupState() {
  return useQuery({ queryKey: setupKey, queryFn: fetchSetupState, staleTime: Infinity });
}

export function useRunSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: runSetup,
    onSuccess: async () => {
      qc.setQueryData(setupKey, { needsSetup: false });
      await qc.refetchQueries({ queryKey: sessionKey });
    },
  });
}
