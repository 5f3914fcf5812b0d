import { useEffect, useRef, type ReactNode } from 'react';

export interface Suggestion {
  id: string;
  primary: ReactNode;
  secondary?: ReactNode;
  leading?: ReactNode;
  testId?: string;
}

interface Props {
  /** Options get `${id}-${index}` ids for the textarea's aria-activedescendant. */
  id: string;
  label: string;
  items: readonly Suggestion[];
  activeIndex: number;
  emptyText: string;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
  testId?: string;
}

/**
 * The popup above the composer for `/` and `@`. The focus stays in the textarea (which
 * drives it with the arrow keys); the mouse works too.
 */
export function SuggestionList({ id, label, items, activeIndex, emptyText, onPick, onHover, testId }: Props) {
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  return (
    <div className="suggest" data-testid={testId}>
      <p className="suggest__title">{label}</p>
      {items.length === 0 ? (
        <p className="suggest__empty" role="status">
          {emptyText}
        </p>
      ) : (
        <ul className="suggest__list" id={id} role="listbox" aria-label={label} ref={list}>
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={`suggest__item${i === activeIndex ? ' suggest__item--active' : ''}`}
              data-index={i}
              data-testid={item.testId}
              // mousedown, not click: the textarea keeps its focus and caret.
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(i);
              }}
              onMouseMove={() => i !== activeIndex && onHover(i)}
            >
              {item.leading}
              <span className="suggest__text">
                <span className="suggest__primary">{item.primary}</span>
                {item.secondary && <span className="suggest__secondary">{item.secondary}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="suggest__keys" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> choose · <kbd>Enter</kbd> insert · <kbd>Esc</kbd> close
      </p>
    </div>
  );
}
