import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useState, type KeyboardEvent, type Ref } from 'react';
import { LIMITS } from '@parley/protocol';
import { useSocket } from '../../../realtime/RealtimeProvider';
import { Icon } from '../../../ui/Icon';
import { onMessageStored } from '../cache';
import { useTypingEmitter } from '../hooks/useTypingEmitter';
import { queueSend } from '../outboxStore';

const drafts = new Map<string, string>();

/** Enter sends, Shift+Enter adds a line. Drafts survive switching chats. */
export function Composer({ conversationId, ref }: { conversationId: string; ref?: Ref<HTMLTextAreaElement> }) {
  const socket = useSocket();
  const qc = useQueryClient();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [area, setArea] = useState<HTMLTextAreaElement | null>(null);
  const typing = useTypingEmitter(conversationId);
  const tooLong = text.length > LIMITS.messageMaxChars;
  const empty = text.trim().length === 0;

  // Grow with the text up to a few lines.
  useLayoutEffect(() => {
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, 180)}px`;
  }, [text, area]);

  function update(value: string) {
    setText(value);
    drafts.set(conversationId, value);
    if (value) typing.onInput();
    else typing.stop();
  }

  function send() {
    const body = text.trim();
    if (!body || tooLong) return;
    queueSend(socket, conversationId, body, onMessageStored(qc));
    typing.stop();
    update('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  const setRefs = (el: HTMLTextAreaElement | null) => {
    setArea(el);
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor={`composer-${conversationId}`} className="visually-hidden">
        Message
      </label>
      <textarea
        id={`composer-${conversationId}`}
        ref={setRefs}
        rows={1}
        value={text}
        placeholder="Type a message…"
        title="Enter sends, Shift+Enter adds a new line"
        onChange={(e) => update(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={typing.stop}
        aria-invalid={tooLong || undefined}
        data-testid="composer"
      />
      {tooLong && (
        <span className="composer__limit" role="alert">
          {text.length - LIMITS.messageMaxChars} characters too long
        </span>
      )}
      <button type="submit" className="composer__send" disabled={empty || tooLong} aria-label="Send message" data-testid="send">
        <Icon name="send" size={18} />
      </button>
    </form>
  );
}
