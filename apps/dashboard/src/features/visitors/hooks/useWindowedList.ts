import { useEffect, useState, type RefObject } from 'react';
import { visibleRange } from '../liveList';

/**
 * Windowing for a list of fixed-height rows inside a scrolling element: which rows to render
 * and the space to leave above and below them, so thousands of visitors cost a screenful of DOM.
 */
export function useWindowedList(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number) {
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight })));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scrollRef]);

  const { start, end } = visibleRange(view.top, view.height, rowHeight, count);
  return { start, end, padTop: start * rowHeight, padBottom: Math.max(0, (count - end) * rowHeight) };
}
