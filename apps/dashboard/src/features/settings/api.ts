import type { AgentDto, ApiTokenDto, CreateAgentBody, CreateSiteBody, SiteDto, UpdateAgentBody, UpdateSiteBody } from '@parley/protocol';
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
