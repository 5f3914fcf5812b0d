import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AgentDto, AgentStatusEvent } from '@parley/protocol';
import { useSocket } from '../realtime/RealtimeProvider';
import { patchSessionAgent } from '../features/auth/hooks/useSession';
import { agentsKey } from '../features/settings/queryKeys';

/** My status changed elsewhere (another tab, auto-away), or a teammate's did. */
export function useAgentStatusRealtime(myId: string): void {
  const socket = useSocket();
  const qc = useQueryClient();
  useEffect(() => {
    const onStatus = ({ data }: AgentStatusEvent) => {
      if (data.agentId === myId) patchSessionAgent(qc, { status: data.status });
      qc.setQueryData<AgentDto[]>(agentsKey, (list) => list?.map((a) => (a.id === data.agentId ? { ...a, status: data.status } : a)));
    };
    socket.on('agent_status', onStatus);
    return () => {
      socket.off('agent_status', onStatus);
    };
  }, [socket, qc, myId]);
}
