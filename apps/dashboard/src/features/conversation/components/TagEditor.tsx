import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../../../ui/Icon';
import { addTag, removeTag, suggestTags } from '../collaboration';
import { useTags } from '../hooks/useConversation';

interface Props {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
}

/** Tag chips with an input that autocompletes from the workspace's tags (combobox pattern). */
export function TagEditor({ tags, onChange, disabled }: Props) {
  const [input, setInput] = useState('');
  const [focused, setFocused] = useState(false);
  const [active, setActiveState] = useState(-1);
  // Keys can arrive faster than React re-renders (ArrowDown then Enter): read the latest choice.
  const activeRef = useRef(-1);
  const setActive = (i: number) => {
    activeRef.current = i;
    setActiveState(i);
  };
  const known = useTags(focused);
  const id = useId();
  const suggestions = focused ? suggestTags(known.data ?? [], tags, input) : [];
  const open = suggestions.length > 0;

  function commit(value: string) {
    const next = addTag(tags, value);
    if (next.length !== tags.length) onChange(next);
    setInput('');
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((activeRef.current + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive(activeRef.current <= 0 ? suggestions.length - 1 : activeRef.current - 1);
    } else if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      const chosen = activeRef.current;
      const value = chosen >= 0 && suggestions[chosen] ? suggestions[chosen]! : input;
      if (value.trim()) commit(value);
    } else if (e.key === 'Escape' && (open || input)) {
      e.stopPropagation();
      setInput('');
      setActive(-1);
    } else if (e.key === 'Backspace' && !input && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div className="tags">
      <ul className="tags__list" aria-label="Tags">
        {tags.map((t) => (
          <li key={t} className="chip" data-testid="tag">
            {t}
            {!disabled && (
              <button type="button" className="chip__x" onClick={() => onChange(removeTag(tags, t))} aria-label={`Remove tag ${t}`}>
                <Icon name="close" size={12} />
              </button>
            )}
          </li>
        ))}
        {tags.length === 0 && disabled && <li className="muted">No tags</li>}
      </ul>
      {!disabled && (
        <div className="tags__add">
          <label htmlFor={`${id}-input`} className="visually-hidden">
            Add a tag
          </label>
          <input
            id={`${id}-input`}
            value={input}
            placeholder="Add a tag…"
            maxLength={50}
            onChange={(e) => {
              setInput(e.target.value);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => setFocused(true)}
            onBlur={() => window.setTimeout(() => setFocused(false), 150)}
            role="combobox"
            aria-expanded={open}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
            data-testid="tag-input"
          />
          {open && (
            <ul className="tags__suggest" id={`${id}-list`} role="listbox" aria-label="Known tags">
              {suggestions.map((t, i) => (
                <li
                  key={t}
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`suggest__item${i === active ? ' suggest__item--active' : ''}`}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    commit(t);
                  }}
                >
                  {t}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
