import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '@parley/protocol/limits';
import { S } from '../strings';
import { SendIcon } from './icons';

const MAX = LIMITS.messageMaxChars;
/** The counter appears near the limit. */
const COUNTER_FROM = Math.floor(MAX * 0.9);

interface Props {
  draft: string;
  onDraft(text: string): void;
  onTyping(): void;
  /** Returns false when the message was not accepted. */
  onSend(text: string): boolean;
}

/** Enter sends, Shift+Enter adds a line; focused when it appears. */
export function Composer({ draft, onDraft, onTyping, onSend }: Props) {
  const [text, setText] = useState(draft);
  const area = useRef<HTMLTextAreaElement>(null);
  const length = text.trim().length;
  const over = length > MAX;

  useEffect(() => area.current?.focus(), []);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  }, [text]);

  const change = (value: string) => {
    setText(value);
    onDraft(value);
  };
  const submit = () => {
    if (length && !over && onSend(text)) change('');
    area.current?.focus();
  };

  return (
    <form
      class="cp"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={area}
        rows={1}
        data-testid="composer"
        aria-label={S.write}
        placeholder={S.write + '…'}
        value={text}
        onInput={(e) => {
          change(e.currentTarget.value);
          onTyping();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {length >= COUNTER_FROM && (
        <span class={over ? 'cnt over' : 'cnt'} aria-live="polite">
          {length}/{MAX}
        </span>
      )}
      <button type="submit" class="snd" data-testid="send" aria-label={S.send} disabled={!length || over}>
        <SendIcon />
      </button>
    </form>
  );
}
