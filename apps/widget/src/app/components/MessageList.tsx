import { useLayoutEffect, useRef } from 'preact/hooks';
import type { MessageDto } from '@parley/protocol';
import { agentOrder } from '@parley/protocol/client';
import { agentColor, formatTime, initials } from '../format';
import { startsRun } from '../messages';
import type { OutboxItem } from '../outbox';
import { S } from '../strings';
import { ClockIcon } from './icons';
import { Text } from './Text';

type ReceiptState = keyof typeof S.receipt;

function Receipt({ state }: { state: ReceiptState }) {
  const label = S.receipt[state];
  return (
    <span class="rc" data-testid="receipt" data-state={state} role="img" aria-label={label} title={label}>
      {state === 'read' ? '✓✓' : state === 'sent' ? '✓' : state === 'failed' ? '!' : <ClockIcon />}
    </span>
  );
}

interface Props {
  welcome: string;
  messages: MessageDto[];
  outbox: OutboxItem[];
  agentReadSeq: number;
  agentTyping: string | null;
  onRetry(clientId: string): void;
}

/** Welcome text, the conversation, the visitor's unsent messages, and the typing line. */
export function MessageList({ welcome, messages, outbox, agentReadSeq, agentTyping, onRetry }: Props) {
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const order = agentOrder(messages);

  // Follow new messages unless the visitor scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, outbox, agentTyping]);

  return (
    <div
      class="ls"
      ref={list}
      data-testid="message-list"
      role="log"
      aria-live="polite"
      aria-label={S.conversation}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
      }}
    >
      {welcome && (
        <div class="row">
          <div class="bb">{welcome}</div>
        </div>
      )}
      {messages.map((m, i) => {
        if (m.senderType === 'system' || m.kind === 'event') {
          return (
            <div key={m.id} class="row s" data-testid="message" data-seq={m.seq} data-sender-type={m.senderType}>
              <div class="bb">{m.body}</div>
            </div>
          );
        }
        // Never shown to a visitor, even if the server ever sent one.
        if (m.kind === 'note') return null;
        const mine = m.senderType === 'visitor';
        const name = m.senderName || S.support;
        // Each agent keeps one colour, so that two agents in a chat are told apart at a glance.
        const color = agentColor(order.get(m.senderId ?? ''));
        return (
          <div key={m.id} class={mine ? 'row v' : 'row'} data-testid="message" data-seq={m.seq} data-sender-type={m.senderType} data-sender-id={m.senderId ?? undefined}>
            {!mine && startsRun(messages[i - 1], m) && (
              <div class="who">
                <span class="av sm" style={{ background: color }} aria-hidden="true">
                  {m.senderAvatarUrl ? <img src={m.senderAvatarUrl} alt="" referrerpolicy="no-referrer" /> : initials(name)}
                </span>
                <span style={{ color }} data-testid="sender-name">
                  {name}
                </span>
              </div>
            )}
            <div class="bb">
              <Text text={m.body} />
            </div>
            <div class="mt">
              <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
              {mine && <Receipt state={agentReadSeq >= m.seq ? 'read' : 'sent'} />}
            </div>
          </div>
        );
      })}
      {outbox.map((o) => (
        <div key={o.clientId} class="row v p" data-testid="message" data-sender-type="visitor" data-client-id={o.clientId}>
          <div class="bb">
            <Text text={o.body} />
          </div>
          <div class="mt">
            <time dateTime={o.createdAt}>{formatTime(o.createdAt)}</time>
            <Receipt state={o.error ? 'failed' : 'pending'} />
          </div>
          {o.error && (
            <div class="er" data-testid="error" role="alert">
              {o.error}
              <button type="button" onClick={() => onRetry(o.clientId)}>
                {S.retry}
              </button>
            </div>
          )}
        </div>
      ))}
      {agentTyping && (
        <div class="row ty" data-testid="typing">
          {S.typing(agentTyping)}
        </div>
      )}
    </div>
  );
}
