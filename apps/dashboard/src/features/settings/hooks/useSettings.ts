import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgentDto,
  ApiTokenDto,
  CannedResponseDto,
  CreateAgentBody,
  CreateCannedBody,
  CreateDepartmentBody,
  CreateSiteBody,
  DepartmentDto,
  SiteDto,
  UpdateAgentBody,
  UpdateCannedBody,
  UpdateDepartmentBody,
  UpdateSiteBody,
  WorkspaceSettings,
  WorkspaceSettingsPatch,
} from '@parley/protocol';
import { departmentsKey, sitesKey } from '../../inbox/queryKeys';
import { patchSessionAgent, useSession } from '../../auth/hooks/useSession';
import * as settingsApi from '../api';
import { agentsKey, cannedKey, tokensKey, workspaceSettingsKey } from '../queryKeys';

/** owner/admin configure; managers look; agents only see their profile. */
export function usePermissions() {
  const { agent } = useSession();
  const canAdmin = agent.role === 'owner' || agent.role === 'admin';
  const canView = canAdmin || agent.role === 'manager';
  // Shared canned responses: admins and managers (the server enforces it too).
  return { canAdmin, canView, canShare: canView, me: agent };
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

export function useSaveDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateDepartmentBody | UpdateDepartmentBody }) =>
      id ? settingsApi.updateDepartment(id, body) : settingsApi.createDepartment(body as CreateDepartmentBody),
    onSuccess: (department) => {
      qc.setQueryData<DepartmentDto[]>(departmentsKey, (list) => upsert(list, department)?.sort((a, b) => a.name.localeCompare(b.name)));
      // Membership shows on the agents' rows (AgentDto.departmentIds).
      void qc.invalidateQueries({ queryKey: agentsKey });
    },
  });
}

export function useDeleteDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: settingsApi.deleteDepartment,
    onSuccess: (_v, id) => {
      qc.setQueryData<DepartmentDto[]>(departmentsKey, (list) => list?.filter((d) => d.id !== id));
      void qc.invalidateQueries({ queryKey: agentsKey });
    },
  });
}

export function useWorkspaceSettings() {
  return useQuery({ queryKey: workspaceSettingsKey, queryFn: settingsApi.fetchWorkspaceSettings });
}

export function useSaveWorkspaceSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkspaceSettingsPatch) => settingsApi.saveWorkspaceSettings(body),
    onSuccess: (settings) => qc.setQueryData<WorkspaceSettings>(workspaceSettingsKey, settings),
  });
}

export function useCannedResponses() {
  return useQuery({ queryKey: cannedKey, queryFn: settingsApi.fetchCanned });
}

export function useSaveCanned() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateCannedBody | UpdateCannedBody }) =>
      id ? settingsApi.updateCanned(id, body) : settingsApi.createCanned(body as CreateCannedBody),
    onSuccess: (response) => qc.setQueryData<CannedResponseDto[]>(cannedKey, (list) => upsert(list, response)),
  });
}

export function useDeleteCanned() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: settingsApi.deleteCanned,
    onSuccess: (_v, id) => qc.setQueryData<CannedResponseDto[]>(cannedKey, (list) => list?.filter((r) => r.id !== id)),
  });
}
