import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgentDto, ApiTokenDto, CreateAgentBody, CreateSiteBody, SiteDto, UpdateAgentBody, UpdateSiteBody } from '@parley/protocol';
import { sitesKey } from '../../inbox/queryKeys';
import { patchSessionAgent, useSession } from '../../auth/hooks/useSession';
import * as settingsApi from '../api';
import { agentsKey, tokensKey } from '../queryKeys';

/** owner/admin configure; managers look; agents only see their profile. */
export function usePermissions() {
  const { agent } = useSession();
  const canAdmin = agent.role === 'owner' || agent.role === 'admin';
  return { canAdmin, canView: canAdmin || agent.role === 'manager', me: agent };
}

function upsert<T extends { id: string }>(list: T[] | undefined, item: T): T[] | undefined {
  if (!list) return list;
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
}

export function useSaveSite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateSiteBody | UpdateSiteBody }) =>
      id ? settingsApi.updateSite(id, body as UpdateSiteBody) : settingsApi.createSite(body as CreateSiteBody),
    onSuccess: (site) => qc.setQueryData<SiteDto[]>(sitesKey, (list) => upsert(list, site)),
  });
}

export function useAgents(enabled = true) {
  return useQuery({ queryKey: agentsKey, queryFn: settingsApi.fetchAgents, enabled });
}

export function useSaveAgent() {
  const qc = useQueryClient();
  const { agent: me } = useSession();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateAgentBody | UpdateAgentBody }) =>
      id ? settingsApi.updateAgent(id, body as UpdateAgentBody) : settingsApi.createAgent(body as CreateAgentBody),
    onSuccess: (agent) => {
      qc.setQueryData<AgentDto[]>(agentsKey, (list) => upsert(list, agent));
      if (agent.id === me.id) patchSessionAgent(qc, agent);
    },
  });
}

export function useDisableAgent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: settingsApi.disableAgent,
    onSuccess: () => qc.invalidateQueries({ queryKey: agentsKey }),
  });
}

export function useTokens(enabled = true) {
  return useQuery({ queryKey: tokensKey, queryFn: settingsApi.fetchTokens, enabled });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: settingsApi.createToken,
    onSuccess: ({ apiToken }) => qc.setQueryData<ApiTokenDto[]>(tokensKey, (list) => upsert(list, apiToken)),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: settingsApi.revokeToken,
    onSuccess: (_v, id) => qc.setQueryData<ApiTokenDto[]>(tokensKey, (list) => list?.filter((t) => t.id !== id)),
  });
}
