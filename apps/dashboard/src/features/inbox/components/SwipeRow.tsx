import { useRef, useState, type ReactNode, type TouchEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../api/client';
import { showToast } from '../../../lib/toast';
import { Icon } from '../../../ui/Icon';
import { useAccept, useCloseConversation } from '../../conversation/hooks/useConversation';
import { swipeCommits, swipeMove, swipeOffset, swipeStart, type SwipeAction, type SwipeState } from '../swipe';

const LABEL: Record<SwipeAction, string> = { accept: 'Accept', close: 'Close' };

/**
 * Swipe a phone row left to accept (waiting) or close (active) the chat. The same actions
 * are buttons in the open chat, for keyboards, screen readers and anyone who doesn't swipe.
 */
export function SwipeRow({ action, conversationId, children }: { action: SwipeAction; conversationId: string; children: ReactNode }) {
  const [drag, setDrag] = useState<SwipeState | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const swallowClick = useRef(false);
  const accept = useAccept();
  const close = useCloseConversation();
  const navigate = useNavigate();

  const width = ref.current?.offsetWidth ?? 360;
  const offset = drag?.axis === 'x' ? swipeOffset(drag.dx, width) : 0;
  const armed = drag ? swipeCommits(drag, width) : false;

  const run = async () => {
    setBusy(true);
    try {
      if (action === 'accept') {
        const conv = await accept.mutateAsync(conversationId);
        navigate(`/inbox/active/${conv.id}`);
      } else {
        await close.mutateAsync(conversationId);
        showToast('Chat closed');
      }
    } catch (err) {
      showToast(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const onTouchStart = (e: TouchEvent) => {
    const t = e.touches[0];
    if (t && e.touches.length === 1 && !busy) setDrag(swipeStart(t.clientX, t.clientY));
  };
  const onTouchMove = (e: TouchEvent) => {
    const t = e.touches[0];
    if (t && drag) setDrag(swipeMove(drag, t.clientX, t.clientY));
  };
  const onTouchEnd = () => {
    if (!drag) return;
    // A horizontal gesture is never also a tap on the row's link.
    if (drag.axis === 'x') swallowClick.current = true;
    if (swipeCommits(drag, width)) void run();
    setDrag(null);
  };

  return (
    <div
      ref={ref}
      className={`swipe${drag ? ' swipe--dragging' : ''}${armed ? ' swipe--armed' : ''}`}
      data-swipe-action={action}
      onTouchStart={onTouchStart}
      onTouchMove={onTouchMove}
      onTouchEnd={onTouchEnd}
      onTouchCancel={() => setDrag(null)}
      onClickCapture={(e) => {
        if (!swallowClick.current) return;
        swallowClick.current = false;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      <div className={`swipe__action swipe__action--${action}`} aria-hidden="true">
        <Icon name={action === 'accept' ? 'check' : 'close'} />
        {busy ? '…' : LABEL[action]}
      </div>
      <div className="swipe__row" style={offset ? { transform: `translateX(${offset}px)` } : undefined}>
        {children}
      </div>
    </div>
  );
}
