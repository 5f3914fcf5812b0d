import type { FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '@parley/protocol/limits';
import { W } from '../i18n/window';
import type { EmojiPickerProps } from './emoji';
import { once } from './lazy';
import { ClipIcon, SendIcon, SmileIcon } from './window-icons';

const MAX = LIMITS.messageMaxChars;
/** The counter appears near the limit. */
const COUNTER_FROM = Math.floor(MAX * 0.9);

/** The emoji picker is a chunk of its own, fetched on the first click of its button. */
const loadPicker = once(() => import('./emoji').then((m) => m.EmojiPicker));

interface Props {
  draft: string;
  onDraft(text: string): void;
  onTyping(): void;
  /** Returns false when the message was not accepted. */
  onSend(text: string): boolean;
  /** The site takes files: the paperclip (enabled with `accept`, once the files chunk is here) and pasted images. */
  files?: { accept?: string; onFiles(files: File[]): void };
}

/**
 * Enter sends, Shift+Enter adds a line; focused when it appears. The smiley opens the emoji
 * picker; the paperclip the file picker (phones offer the camera for `image/*`); an image
 * pasted into the text box is sent as a file.
 */
export function Composer({ draft, onDraft, onTyping, onSend, files }: Props) {
  const [text, setText] = useState(draft);
  const [Picker, setPicker] = useState<FunctionComponent<EmojiPickerProps> | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const smiley = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLInputElement>(null);
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
  const togglePicker = () => {
    if (Picker) return setPicker(null);
    loadPicker().then(
      (p) => setPicker(() => p),
      (e: unknown) => console.warn('Parley: could not load the emoji picker', e),
    );
  };
  // Inserted where the caret was (a textarea keeps its selection while the picker has focus).
  const insert = (emoji: string) => {
    const el = area.current;
    if (!el) return;
    const start = el.selectionStart ?? text.length;
    const end = el.selectionEnd ?? start;
    change(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };
  const closePicker = (refocus: boolean) => {
    setPicker(null);
    if (refocus) smiley.current?.focus();
  };

  return (
    <form
      class="cp"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {Picker && <Picker onPick={insert} onClose={closePicker} />}
      <textarea
        ref={area}
        rows={1}
        data-testid="composer"
        aria-label={W().write}
        placeholder={W().write + '…'}
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
        onPaste={(e) => {
          const images = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
          if (files && images.length) {
            e.preventDefault();
            files.onFiles(images);
          }
        }}
      />
      {length >= COUNTER_FROM && (
        <span class={over ? 'cnt over' : 'cnt'} aria-live="polite">
          {length}/{MAX}
        </span>
      )}
      <button type="button" class="ib" ref={smiley} data-testid="emoji-button" aria-label={W().emoji} aria-expanded={!!Picker} aria-haspopup="dialog" onClick={togglePicker}>
        <SmileIcon />
      </button>
      {files && (
        <>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            accept={files.accept}
            data-testid="file-input"
            onChange={(e) => {
              const picked = [...(e.currentTarget.files ?? [])];
              // The same file can be picked again after a failure.
              e.currentTarget.value = '';
              if (picked.length) files.onFiles(picked);
            }}
          />
          <button type="button" class="ib" data-testid="attach" aria-label={W().attach} disabled={!files.accept} onClick={() => picker.current?.click()}>
            <ClipIcon />
          </button>
        </>
      )}
      <button type="submit" class="snd" data-testid="send" aria-label={W().send} disabled={!length || over}>
        <SendIcon />
      </button>
    </form>
  );
}
