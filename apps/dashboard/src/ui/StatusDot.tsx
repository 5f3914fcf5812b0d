import type { AgentStatus } from '@parley/protocol';

export const STATUS_LABEL: Record<AgentStatus, string> = {
  online: 'Online',
  away: 'Away',
  busy: 'Busy',
  offline: 'Offline',
};

export function StatusDot({ status }: { status: AgentStatus }) {
  return <span className={`status-dot status-dot--${status}`} aria-hidden="true" />;
}
