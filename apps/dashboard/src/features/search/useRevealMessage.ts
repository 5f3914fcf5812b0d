import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

const WAIT_MS = 6000;

/**
 * A search result opens its chat with `?seq=N`: once that message is on screen, scroll it to
 * the middle and flash it, then drop the parameter (a reload shouldn't jump again).
 */
export function useRevealMessage(conversationId: string | undefined): void {
  const [params, setParams] = useSearchParams();
  const seq = params.get('seq');

  useEffect(() => {
    if (!conversationId || !seq || !/^\d+$/.test(seq)) return;
    let cancelled = false;
    const started = Date.now();
    const done = () => {
      setParams(
        (p) => {
          p.delete('seq');
          return p;
        },
        { replace: true },
      );
    };
    const tick = () => {
      if (cancelled) return;
      const el = document.querySelector<HTMLElement>(`.messages [data-seq="${seq}"]`);
      if (!el) {
        if (Date.now() - started < WAIT_MS) window.setTimeout(tick, 100);
        else done();
        return;
      }
      // After the list's own "stick to the bottom" scroll has run.
      requestAnimationFrame(() => {
        if (cancelled) return;
        el.scrollIntoView({ block: 'center' });
        el.dataset.found = 'true';
        // Not cleared on unmount: dropping the parameter re-runs this effect.
        window.setTimeout(() => delete el.dataset.found, 2500);
        done();
      });
    };
    tick();
    return () => {
      cancelled = true;
    };
  }, [conversationId, seq, setParams]);
}
