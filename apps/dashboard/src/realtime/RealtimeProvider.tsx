import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createSocket, type AgentSocket } from './socket';
import { setConnectionState } from './connectionStore';

const SocketContext = createContext<AgentSocket | null>(null);

interface RealtimeProviderProps {
  children: ReactNode;
  /** Called when the server refuses the connection (e.g. the session ended). */
  onRejected: () => void;
}

/** Owns the signed-in agent's single socket for the lifetime of the signed-in app. */
export function RealtimeProvider({ children, onRejected }: RealtimeProviderProps) {
  const [socket] = useState(createSocket);

  useEffect(() => {
    let everConnected = false;
    let retryTimer: number | undefined;
    setConnectionState('connecting');
    const onConnect = () => {
      everConnected = true;
      setConnectionState('connected');
    };
    const onDisconnect = () => setConnectionState(everConnected ? 'reconnecting' : 'connecting');
    const onConnectError = () => {
      if (!socket.active) {
        // The server's middleware said no: check the session, then try again later.
        onRejected();
        window.clearTimeout(retryTimer);
        retryTimer = window.setTimeout(() => socket.connect(), 3000);
      }
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.connect();
    return () => {
      window.clearTimeout(retryTimer);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.disconnect();
      setConnectionState('connecting');
    };
  }, [socket, onRejected]);

  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): AgentSocket {
  const socket = useContext(SocketContext);
  if (!socket) throw new Error('useSocket() outside <RealtimeProvider>');
  return socket;
}
