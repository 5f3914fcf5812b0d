import type { AgentDto, SetupBody } from '@parley/protocol';
import { api, setCsrfToken } from '../../api/client';

export async function fetchSetupState(): Promise<{ needsSetup: boolean }> {
  return api('/api/setup');
}

export async function runSetup(body: SetupBody): Promise<{ agent: AgentDto; csrfToken: string }> {
  const res = await api<{ agent: AgentDto; csrfToken: string }>('/api/setup', { method: 'POST', body });
  setCsrfToken(res.csrfToken);
  return res;
}
