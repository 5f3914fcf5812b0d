import { useCallback, useEffect, useRef } from 'react';
import { useSocket } from '../../../realtime/RealtimeProvider';

const THROTTLE_MS = 2500;
const IDLE_MS = 4000;

/** `onInput()` on every keystroke → at most one `typing: true` per 2.5 s, `false` after 4 s idle or on `stop()`. */
export function useTypingEmitter(conversationId: string) {
  const socket = useSocket();
  const lastSent = useRef(0);
  const idleTimer = useRef<number | undefined>(undefined);
  const typing = useRef(false);

  const stop = useCallback(() => {
    window.clearTimeout(idleTimer.current);
    if (typing.current && socket.connected) socket.emit('typing', { conversationId, isTyping: false });
    typing.current = false;
    lastSent.current = 0;
  }, [socket, conversationId]);

  const onInput = useCallback(() => {
    const now = Date.now();
    if (socket.connected && now - lastSent.current > THROTTLE_MS) {
      socket.emit('typing', { conversationId, isTyping: true });
      lastSent.current = now;
      typing.current = true;
    }
    window.clearTimeout(idleTimer.current);
    idleTimer.current = window.setTimeout(stop, IDLE_MS);
  }, [socket, conversationId, stop]);

  useEffect(() => stop, [stop]);
  return { onInput, stop };
}
