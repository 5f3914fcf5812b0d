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
import { api } from '../../api/client';

export async function createSite(body: CreateSiteBody): Promise<SiteDto> {
  return (await api<{ site: SiteDto }>('/api/sites', { method: 'POST', body })).site;
}

export async function updateSite(id: string, body: UpdateSiteBody): Promise<SiteDto> {
  return (await api<{ site: SiteDto }>(`/api/sites/${encodeURIComponent(id)}`, { method: 'PUT', body })).site;
}

export async function fetchAgents(): Promise<AgentDto[]> {
  return (await api<{ agents: AgentDto[] }>('/api/agents')).agents;
}

export async function createAgent(body: CreateAgentBody): Promise<AgentDto> {
  return (await api<{ agent: AgentDto }>('/api/agents', { method: 'POST', body })).agent;
}

export async function updateAgent(id: string, body: UpdateAgentBody): Promise<AgentDto> {
  return (await api<{ agent: AgentDto }>(`/api/agents/${encodeURIComponent(id)}`, { method: 'PUT', body })).agent;
}

export async function disableAgent(id: string): Promise<void> {
  await api<void>(`/api/agents/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function fetchTokens(): Promise<ApiTokenDto[]> {
  return (await api<{ tokens: ApiTokenDto[] }>('/api/tokens')).tokens;
}

export async function createToken(name: string): Promise<{ token: string; apiToken: ApiTokenDto }> {
  return api('/api/tokens', { method: 'POST', body: { name } });
}

export async function revokeToken(id: string): Promise<void> {
  await api<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// ---- departments ---------------------------------------------------------------------------
// (the list itself is fetched by the inbox feature: `useDepartments`, one cache for both)

export async function createDepartment(body: CreateDepartmentBody): Promise<DepartmentDto> {
  return (await api<{ department: DepartmentDto }>('/api/departments', { method: 'POST', body })).department;
}

export async function updateDepartment(id: string, body: UpdateDepartmentBody): Promise<DepartmentDto> {
  return (await api<{ department: DepartmentDto }>(`/api/departments/${encodeURIComponent(id)}`, { method: 'PATCH', body })).department;
}

export async function deleteDepartment(id: string): Promise<void> {
  await api<void>(`/api/departments/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// ---- workspace -----------------------------------------------------------------------------

export async function fetchWorkspaceSettings(): Promise<WorkspaceSettings> {
  return (await api<{ settings: WorkspaceSettings }>('/api/workspace/settings')).settings;
}

export async function saveWorkspaceSettings(body: WorkspaceSettingsPatch): Promise<WorkspaceSettings> {
  return (await api<{ settings: WorkspaceSettings }>('/api/workspace/settings', { method: 'PUT', body })).settings;
}

// ---- canned responses ----------------------------------------------------------------------

export async function fetchCanned(): Promise<CannedResponseDto[]> {
  return (await api<{ responses: CannedResponseDto[] }>('/api/canned-responses')).responses;
}

export async function createCanned(body: CreateCannedBody): Promise<CannedResponseDto> {
  return (await api<{ response: CannedResponseDto }>('/api/canned-responses', { method: 'POST', body })).response;
}

export async function updateCanned(id: string, body: UpdateCannedBody): Promise<CannedResponseDto> {
  return (await api<{ response: CannedResponseDto }>(`/api/canned-responses/${encodeURIComponent(id)}`, { method: 'PATCH', body })).response;
}

export async function deleteCanned(id: string): Promise<void> {
  await api<void>(`/api/canned-responses/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
