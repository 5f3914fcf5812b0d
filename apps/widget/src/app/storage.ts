/**
 * The visitor's record in the host page's localStorage, under `parley:<siteKey>`.
 * Written only after the visitor's first interaction; every access tolerates blocked
 * or full storage (the chat then simply forgets the visitor on reload).
 */
import { parseOutbox, type OutboxItem } from './outbox';

export interface VisitorRecord {
  visitorId: string;
  token: string;
  /** The conversation the widget shows (null: the next send starts one). */
  conversationId: string | null;
  /** Highest seq held for that conversation. */
  lastSeq: number;
  /** Highest team-message seq the visitor has seen (drives the unread badge). */
  seenSeq: number;
  outbox: OutboxItem[];
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const storageKey = (siteKey: string) => `parley:${siteKey}`;

function local(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** Reads the record; anything malformed counts as no record. */
export function loadRecord(siteKey: string, store: KeyValueStore | null = local()): VisitorRecord | null {
  try {
    const raw = store?.getItem(storageKey(siteKey));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<VisitorRecord>;
    if (typeof v.visitorId !== 'string' || typeof v.token !== 'string') return null;
    return {
      visitorId: v.visitorId,
      token: v.token,
      conversationId: typeof v.conversationId === 'string' ? v.conversationId : null,
      lastSeq: num(v.lastSeq),
      seenSeq: num(v.seenSeq),
      outbox: parseOutbox(v.outbox),
    };
  } catch {
    return null;
  }
}

export function saveRecord(siteKey: string, record: VisitorRecord, store: KeyValueStore | null = local()): boolean {
  try {
    store?.setItem(storageKey(siteKey), JSON.stringify(record));
    return !!store;
  } catch {
    return false;
  }
}

export function clearRecord(siteKey: string, store: KeyValueStore | null = local()): void {
  try {
    store?.removeItem(storageKey(siteKey));
  } catch {
    // blocked storage: nothing to clear
  }
}
