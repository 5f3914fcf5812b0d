import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { localPath } from './urls';

/** A notification clicked while this tab is open: the worker focuses the tab and asks it to open the chat. */
export function useServiceWorkerMessages(): void {
  const navigate = useNavigate();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { type?: unknown; url?: unknown } | null;
      if (data?.type !== 'parley:open') return;
      const path = localPath(data.url, window.location.origin);
      if (path) navigate(path);
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [navigate]);
}
