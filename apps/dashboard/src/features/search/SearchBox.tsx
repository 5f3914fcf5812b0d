import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SearchResultDto } from '@parley/protocol';
import { errorMessage } from '../../api/client';
import { useShortcut } from '../../lib/shortcuts';
import { relativeTime } from '../../lib/time';
import { Icon } from '../../ui/Icon';
import { STATUS_TEXT, tabOf } from '../inbox/inboxLists';
import { highlightParts } from './highlight';
import { MIN_QUERY, useSearch } from './useSearch';
import './search.css';

export function resultLabel(v: SearchResultDto['visitor']): string {
  return v.name?.trim() || v.email || v.phone || `Visitor #${v.id.replace(/-/g, '').slice(-5).toUpperCase()}`;
}

/** Where a result opens: its chat in the right tab, scrolled to the matching message. */
export function resultHref(r: SearchResultDto): string {
  return `/inbox/${tabOf(r.status)}/${r.conversationId}${r.seq ? `?seq=${r.seq}` : ''}`;
}

function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightParts(text, query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/**
 * The top bar's global search: a combobox whose list shows matching chats as you type.
 * On phones it is an icon that opens a full-width search over the top bar.
 */
export function SearchBox({ compact }: { compact: boolean }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const listId = useId();
  const search = useSearch(text);
  const results = search.enabled && text.trim().length >= MIN_QUERY ? (search.data ?? []) : [];

  useEffect(() => setActive(0), [search.data]);

  const focus = () => {
    setExpanded(true);
    setOpen(true);
    // The phone overlay mounts the input first.
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  };
  useShortcut({ id: 'search.slash', keys: '/', description: 'Search chats', group: 'General', handler: focus });
  useShortcut({ id: 'search.modk', keys: 'Mod+K', description: 'Search chats', group: 'General', handler: focus, allowInInputs: false });

  const dismiss = () => {
    setOpen(false);
    setExpanded(false);
    inputRef.current?.blur();
  };

  const openResult = (r: SearchResultDto) => {
    dismiss();
    navigate(resultHref(r));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (results.length) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % results.length : (i - 1 + results.length) % results.length));
    } else if (e.key === 'Enter') {
      const r = results[active];
      if (r && open) {
        e.preventDefault();
        openResult(r);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open && text) setOpen(false);
      else {
        setText('');
        dismiss();
      }
    }
  };

  const showPanel = open && text.trim().length > 0;
  const activeId = showPanel && results[active] ? `${listId}-opt-${active}` : undefined;

  if (compact && !expanded) {
    return (
      <button type="button" className="icon-btn" aria-label="Search chats" title="Search chats" onClick={focus} data-testid="search-open">
        <Icon name="search" />
      </button>
    );
  }

  return (
    <div
      className={`search${compact ? ' search--overlay' : ''}`}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) {
          setOpen(false);
          if (compact && !text) setExpanded(false);
        }
      }}
    >
      <div className="search__field">
        <Icon name="search" size={17} />
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-label="Search chats by visitor or message"
          aria-expanded={showPanel}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          placeholder="Search visitors and messages…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          data-testid="search-input"
        />
        {!compact && !text && (
          <kbd className="search__kbd" aria-hidden="true">
            /
          </kbd>
        )}
        {compact && (
          <button
            type="button"
            className="icon-btn icon-btn--sm"
            aria-label="Close search"
            onClick={() => {
              setText('');
              dismiss();
            }}
          >
            <Icon name="close" size={18} />
          </button>
        )}
      </div>
      {showPanel && (
        <div className="search__panel" data-testid="search-panel">
          {text.trim().length < MIN_QUERY ? (
            <p className="search__note">Keep typing: names, emails, phone numbers or words from the messages.</p>
          ) : search.isError ? (
            <p className="search__note field__error" role="alert">
              {errorMessage(search.error)}
            </p>
          ) : search.isPending || (search.settling && !search.data) ? (
            <p className="search__note">Searching…</p>
          ) : results.length === 0 ? (
            search.isFetching || search.settling ? (
              <p className="search__note">Searching…</p>
            ) : (
              <p className="search__note" data-testid="search-empty">
                No chats match “{search.q}”.
              </p>
            )
          ) : null}
          <ul id={listId} role="listbox" aria-label="Search results" className="search__list" hidden={results.length === 0}>
            {results.map((r, i) => (
              <SearchResult key={`${r.conversationId}:${r.seq ?? ''}`} id={`${listId}-opt-${i}`} result={r} query={search.q} active={i === active} onOpen={() => openResult(r)} onHover={() => setActive(i)} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function SearchResult({ id, result: r, query, active, onOpen, onHover }: { id: string; result: SearchResultDto; query: string; active: boolean; onOpen: () => void; onHover: () => void }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const name = resultLabel(r.visitor);
  const tab = tabOf(r.status);
  return (
    <li
      ref={ref}
      id={id}
      role="option"
      aria-selected={active}
      className={`search__item${active ? ' search__item--active' : ''}`}
      // Keep the focus in the input: the click opens the chat.
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={onHover}
      onClick={onOpen}
      data-testid="search-result"
      data-conversation-id={r.conversationId}
    >
      <span className="search__top">
        <span className="search__name">
          <Highlighted text={name} query={query} />
        </span>
        {r.visitor.email && r.visitor.email !== name && (
          <span className="search__email">
            <Highlighted text={r.visitor.email} query={query} />
          </span>
        )}
        <time className="search__time" dateTime={r.at} title={new Date(r.at).toLocaleString()}>
          {relativeTime(r.at)}
        </time>
      </span>
      {r.preview && (
        <span className="search__preview">
          <Highlighted text={r.preview} query={query} />
        </span>
      )}
      <span className="search__meta">
        <span className={`status-pill status-pill--${tab} search__status`}>{STATUS_TEXT[r.status]}</span>
        <span className="search__site">{r.siteName}</span>
      </span>
    </li>
  );
}
