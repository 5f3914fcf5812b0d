import { errorMessage } from '../api/client';

/** A list's loading line or its error, for any TanStack query; renders nothing once data is there. */
export function QueryStatus({ query }: { query: { isPending: boolean; isError: boolean; error: unknown } }) {
  if (query.isError) return <div className="alert alert--error">{errorMessage(query.error)}</div>;
  if (query.isPending) return <p className="muted">Loading…</p>;
  return null;
}
