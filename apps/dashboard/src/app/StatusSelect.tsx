import { AgentStatus } from '@parley/protocol';
import { useSession, useSetStatus } from '../features/auth/hooks/useSession';
import { STATUS_LABEL, StatusDot } from '../ui/StatusDot';

export function StatusSelect({ compact }: { compact?: boolean }) {
  const { agent } = useSession();
  const setStatus = useSetStatus();
  return (
    <label className={`status-select${compact ? ' status-select--compact' : ''}`} title={setStatus.isError ? 'Could not change your status' : 'Your status'}>
      <StatusDot status={agent.status} />
      <span className="visually-hidden">Your status</span>
      <select
        value={agent.status}
        onChange={(e) => setStatus.mutate(e.target.value as AgentStatus)}
        disabled={setStatus.isPending}
        data-testid="status-select"
      >
        {AgentStatus.options.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABEL[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
