import type { AgentDto, AgentStatus, LoginBody } from '@parley/protocol';
import { api, ApiError, setCsrfToken } from '../../api/client';

export interface Session {
  agent: AgentDto;
  csrfToken: string;
  workspace: { id: string; name: string };
}

/** `null` when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export async function login(body: LoginBody): Promise<{ agent: AgentDto; csrfToken: string }> {
  const res = await api<{ agent: AgentDto; csrfToken: string }>('/api/auth/login', { method: 'POST', body });
  setCsrfToken(res.csrfToken);
  return res;
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST', body: {} });
  } finally {
    setCsrfToken(null);
  }
}

export function setMyStatus(status: AgentStatus): Promise<{ agent: AgentDto }> {
  return api('/api/me/status', { method: 'PUT', body: { status } });
}
