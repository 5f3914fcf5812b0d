import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MessageDto } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { clockTime, dayLabel, sameDay } from '../../../lib/time';
import { Icon } from '../../../ui/Icon';
import { useSession } from '../../auth/hooks/useSession';
import { useQueryClient } from '@tanstack/react-query';
import { linkify } from '@parley/protocol/client';
import { receiptFor } from '../messageList';
import { discardSend, retrySend, useOutbox } from '../outboxStore';
import type { OutboxItem } from '../outbox';
import { onMessageStored } from '../cache';

interface Props {
  conversationId: string;
  messages: MessageDto[] | undefined;
  loading: boolean;
  error: string | null;
  visitorName: string;
  visitorReadSeq: number | undefined;
  onRetry: () => void;
}

const NEAR_BOTTOM_PX = 120;

export function MessageList({ conversationId, messages, loading, error, visitorName, visitorReadSeq, onRetry }: Props) {
  const pending = useOutbox(conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const count = (messages?.length ?? 0) + pending.length;

  // Follow new messages while the agent is at the bottom; otherwise offer a jump button.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (stickToBottom.current) el.scrollTop = el.scrollHeight;
    else setShowJump(true);
  }, [count]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      const near = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      stickToBottom.current = near;
      if (near) setShowJump(false);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const jump = () => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
    setShowJump(false);
  };

  return (
    <div className="messages-wrap">
      <div className="messages" ref={scroller} role="log" aria-label={`Messages with ${visitorName}`} aria-live="polite" tabIndex={0}>
        {loading && <p className="messages__status">Loading messages…</p>}
        {error && (
          <div className="alert alert--error" role="alert">
            {error}{' '}
            <button type="button" className="btn btn--link" onClick={onRetry}>
              Retry
            </button>
          </div>
        )}
        {messages?.map((m, i) => {
          const prev = messages[i - 1];
          const newDay = !prev || !sameDay(prev.createdAt, m.createdAt);
          const groupStart = newDay || !prev || prev.senderType !== m.senderType || prev.senderId !== m.senderId || prev.kind === 'event';
          return (
            <Fragment key={m.id}>
              {newDay && (
                <div className="day-sep" role="separator">
                  <span>{dayLabel(m.createdAt)}</span>
                </div>
              )}
              <MessageItem message={m} showName={groupStart} visitorName={visitorName} visitorReadSeq={visitorReadSeq} />
            </Fragment>
          );
        })}
        {pending.map((item) => (
          <PendingItem key={item.clientId} item={item} />
        ))}
        {messages && messages.length === 0 && pending.length === 0 && <p className="messages__status">No messages yet.</p>}
      </div>
      {showJump && (
        <button type="button" className="jump-btn" onClick={jump}>
          New messages ↓
        </button>
      )}
    </div>
  );
}

function Text({ body }: { body: string }) {
  return (
    <>
      {linkify(body).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

function MessageItem({ message: m, showName, visitorName, visitorReadSeq }: { message: MessageDto; showName: boolean; visitorName: string; visitorReadSeq: number | undefined }) {
  const { agent } = useSession();
  const common = { 'data-testid': 'message', 'data-seq': m.seq, 'data-sender-type': m.senderType, 'data-kind': m.kind };

  if (m.senderType === 'system' || m.kind === 'event') {
    return (
      <div className="msg msg--system" {...common}>
        <span>
          <Text body={m.body} />
        </span>
        <time dateTime={m.createdAt}>{clockTime(m.createdAt)}</time>
      </div>
    );
  }

  const outgoing = m.senderType === 'agent' || m.senderType === 'bot';
  const isMe = m.senderType === 'agent' && m.senderId === agent.id;
  const name = m.senderType === 'visitor' ? (m.senderName ?? visitorName) : isMe ? 'You' : (m.senderName ?? (m.senderType === 'bot' ? 'Bot' : 'Agent'));
  const receipt = m.senderType === 'agent' && m.kind !== 'note' ? receiptFor(m, visitorReadSeq) : null;

  return (
    <div className={`msg ${outgoing ? 'msg--out' : 'msg--in'}${m.kind === 'note' ? ' msg--note' : ''}${showName ? ' msg--first' : ''}`} {...common}>
      <div className="bubble">
        {(showName || m.kind === 'note') && (
          <span className="bubble__name">
            {name}
            {m.kind === 'note' && <span className="bubble__tag">Internal note</span>}
          </span>
        )}
        <span className="bubble__text">
          <Text body={m.body} />
        </span>
        <span className="bubble__meta">
          <time dateTime={m.createdAt} title={new Date(m.createdAt).toLocaleString()}>
            {clockTime(m.createdAt)}
          </time>
          {receipt && (
            <span className={`receipt receipt--${receipt}`} data-testid="receipt" data-state={receipt} aria-label={receipt === 'read' ? 'Read' : 'Delivered'} title={receipt === 'read' ? 'Read by the visitor' : 'Delivered'}>
              {receipt === 'read' ? '✓✓' : '✓'}
            </span>
          )}
        </span>
      </div>
    </div>
  );
}

function PendingItem({ item }: { item: OutboxItem }) {
  const socket = useSocket();
  const qc = useQueryClient();
  const failed = item.state === 'failed';
  return (
    <div className={`msg msg--out msg--pending${failed ? ' msg--failed' : ''}`} data-testid="message" data-sender-type="agent" data-state={failed ? 'failed' : 'pending'}>
      <div className="bubble">
        <span className="bubble__text">
          <Text body={item.body} />
        </span>
        <span className="bubble__meta">
          <time dateTime={item.createdAt}>{clockTime(item.createdAt)}</time>
          <span className={`receipt receipt--${failed ? 'failed' : 'pending'}`} data-testid="receipt" data-state={failed ? 'failed' : 'pending'} aria-label={failed ? 'Not sent' : 'Sending'}>
            <Icon name={failed ? 'alert' : 'clock'} size={13} />
          </span>
        </span>
      </div>
      {failed && (
        <div className="msg__error" role="alert">
          {item.error ?? 'Not sent.'}
          <button type="button" className="btn btn--link" onClick={() => retrySend(socket, item.clientId, onMessageStored(qc))}>
            Retry
          </button>
          <button type="button" className="btn btn--link" onClick={() => discardSend(item.clientId)}>
            Discard
          </button>
        </div>
      )}
    </div>
  );
}
