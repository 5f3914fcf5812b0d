import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgentDto, AgentStatus } from '@parley/protocol';
import { fetchSession, login, logout, setMyStatus, type Session } from '../api';

export const sessionKey = ['session'] as const;

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });
}

/** The signed-in session; only call below the auth gate. */
export function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession() used outside the signed-in app');
  return data;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async () => {
      await qc.refetchQueries({ queryKey: sessionKey });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Drop everything cached for the previous agent.
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

export function patchSessionAgent(qc: ReturnType<typeof useQueryClient>, patch: Partial<AgentDto>): void {
  qc.setQueryData<Session | null>(sessionKey, (s) => (s ? { ...s, agent: { ...s.agent, ...patch } } : s));
}

export function useSetStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: AgentStatus) => setMyStatus(status),
    onMutate: (status) => {
      const previous = qc.getQueryData<Session | null>(sessionKey)?.agent.status;
      patchSessionAgent(qc, { status });
      return { previous };
    },
    onError: (_err, _status, ctx) => {
      if (ctx?.previous) patchSessionAgent(qc, { status: ctx.previous });
    },
    onSuccess: ({ agent }) => patchSessionAgent(qc, agent),
  });
}
