import { useSyncExternalStore } from 'react';
import { NO_FILTERS, parseStoredFilters, type ListFilters } from './filters';

/**
 * The chat-list filters, shared by the three tabs and kept for the browser tab's session,
 * so opening a chat on a phone and coming back keeps them.
 */
const STORAGE_KEY = 'parley.inboxFilters';
const listeners = new Set<() => void>();

let filters: ListFilters = read();

function read(): ListFilters {
  try {
    return parseStoredFilters(sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return NO_FILTERS;
  }
}

export function getListFilters(): ListFilters {
  return filters;
}

export function setListFilters(next: ListFilters): void {
  filters = next;
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // storage unavailable: keep them for this page only
  }
  listeners.forEach((l) => l());
}

export function patchListFilters(patch: Partial<ListFilters>): void {
  setListFilters({ ...filters, ...patch });
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function useListFilters(): ListFilters {
  return useSyncExternalStore(subscribe, getListFilters);
}
