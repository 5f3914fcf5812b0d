import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../api/client';
import { useDismiss } from '../../../lib/useDismiss';
import { fromSavedFilters, sameFilters } from '../filters';
import { setListFilters, useListFilters } from '../filterStore';
import { useDeleteView, useViews } from '../hooks/useInbox';
import type { InboxTab } from '../inboxLists';

/** "Views" menu: apply a saved view (its tab and filters) or delete it. */
export function SavedViews({ tab }: { tab: InboxTab }) {
  const views = useViews();
  const remove = useDeleteView();
  const filters = useListFilters();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);

  const list = views.data ?? [];
  const current = list.find((v) => {
    const saved = fromSavedFilters(v.filters);
    return saved.tab === tab && sameFilters(saved.filters, filters);
  });

  return (
    <div className="views" ref={ref}>
      <button
        type="button"
        className={`btn btn--sm ${current ? 'btn--accent-soft' : 'btn--secondary'} views__toggle`}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        data-testid="views-toggle"
      >
        <span className="views__label">{current ? current.name : 'Views'}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="popover views__menu" data-testid="views-menu">
          {views.isPending ? (
            <p className="popover__empty">Loading…</p>
          ) : views.isError ? (
            <p className="popover__empty field__error">{errorMessage(views.error)}</p>
          ) : list.length === 0 ? (
            <p className="popover__empty">No saved views yet. Set some filters and use “Save as view”.</p>
          ) : (
            <ul className="views__list">
              {list.map((v) => (
                <li key={v.id} className={`views__item${v.id === current?.id ? ' views__item--current' : ''}`}>
                  <button
                    type="button"
                    className="views__apply"
                    onClick={() => {
                      const { tab: viewTab, filters: viewFilters } = fromSavedFilters(v.filters);
                      setListFilters(viewFilters);
                      navigate(`/inbox/${viewTab}`);
                      setOpen(false);
                    }}
                    data-testid="view-apply"
                  >
                    {v.name}
                  </button>
                  <button
                    type="button"
                    className="icon-btn icon-btn--sm"
                    aria-label={`Delete view ${v.name}`}
                    title="Delete this view"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(v.id)}
                    data-testid="view-delete"
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {remove.isError && <p className="popover__empty field__error">{errorMessage(remove.error)}</p>}
        </div>
      )}
    </div>
  );
}
