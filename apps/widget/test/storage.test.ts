import { describe, expect, it } from 'vitest';
import { clearRecord, loadRecord, saveRecord, storageKey, type VisitorRecord } from '../src/app/storage';

function memory() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const blocked = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

const record: VisitorRecord = {
  visitorId: '0199a0e0-0000-7000-8000-000000000001',
  token: 'secret-token-123456',
  conversationId: 'c1',
  lastSeq: 7,
  seenSeq: 5,
  outbox: [{ clientId: 'client-0001', body: 'hello', createdAt: '2026-01-01T10:00:00.000Z' }],
};

describe('visitor record storage', () => {
  it('round-trips the record under a key namespaced by site key', () => {
    const store = memory();
    expect(saveRecord('site-key-1', record, store)).toBe(true);
    expect([...store.data.keys()]).toEqual([storageKey('site-key-1')]);
    expect(storageKey('site-key-1')).toBe('parley:site-key-1');
    expect(loadRecord('site-key-1', store)).toEqual(record);
    expect(loadRecord('other-site', store)).toBeNull();
  });

  it('treats malformed data as no record', () => {
    const store = memory();
    store.setItem(storageKey('k'), '{not json');
    expect(loadRecord('k', store)).toBeNull();
    store.setItem(storageKey('k'), JSON.stringify({ visitorId: 1 }));
    expect(loadRecord('k', store)).toBeNull();
    store.setItem(storageKey('k'), JSON.stringify({ visitorId: 'v', token: 't', lastSeq: -3, outbox: 'x' }));
    expect(loadRecord('k', store)).toEqual({ visitorId: 'v', token: 't', conversationId: null, lastSeq: 0, seenSeq: 0, outbox: [] });
  });

  it('survives blocked or full storage', () => {
    expect(loadRecord('k', blocked)).toBeNull();
    expect(saveRecord('k', record, blocked)).toBe(false);
    expect(() => clearRecord('k', blocked)).not.toThrow();
  });

  it('clears the record', () => {
    const store = memory();
    saveRecord('k', record, store);
    clearRecord('k', store);
    expect(loadRecord('k', store)).toBeNull();
  });
});
