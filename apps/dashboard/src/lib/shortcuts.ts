/**
 * Keyboard shortcuts: one registry for the whole dashboard. Features register what they
 * handle while they are on screen (`useShortcut`); the help overlay lists `useShortcutList()`.
 * One window `keydown` listener dispatches to the most recently registered match.
 *
 * Keys are written like `Alt+C`, `Mod+K` (Ctrl, or ⌘ on a Mac), `Shift+?`, `?`, `Escape`.
 * Letters match the physical key too, so `Alt+C` works on a Mac where Option+C types "ç".
 * Two keys separated by a space are a sequence: `G W` is G, then W within a second.
 *
 * @example
 *   useShortcut({ id: 'conversation.close', keys: 'Alt+C', description: 'Close chat', group: 'Conversation', handler: close });
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

export interface ShortcutDef {
  /** Stable id; registering the same id again replaces the earlier entry. */
  id: string;
  keys: string;
  description: string;
  /** Heading in the help overlay ("Conversation", "Inbox"…). */
  group?: string;
  handler: (e: KeyboardEvent) => void;
  /**
   * Fire while the focus is in a text field. Default: only for combinations with Alt, Ctrl
   * or ⌘ — a plain `?` or `/` typed in the composer stays text.
   */
  allowInInputs?: boolean;
}

/** What the help overlay shows. */
export type ShortcutInfo = Pick<ShortcutDef, 'id' | 'keys' | 'description' | 'group'>;

export interface KeyCombo {
  alt: boolean;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  /** `mod`: Ctrl or ⌘, whichever the platform uses. */
  mod: boolean;
  key: string;
}

/** Parse `Alt+Shift+C` into a combo (modifier names are case-insensitive). */
export function parseKeys(keys: string): KeyCombo {
  const parts = keys.split('+').map((p) => p.trim());
  // "Shift++" or "+" means the plus key itself.
  const key = keys.endsWith('++') || keys === '+' ? '+' : (parts[parts.length - 1] ?? '');
  const mods = new Set(parts.slice(0, keys.endsWith('++') ? -2 : -1).map((p) => p.toLowerCase()));
  return { alt: mods.has('alt'), ctrl: mods.has('ctrl'), meta: mods.has('meta') || mods.has('cmd'), shift: mods.has('shift'), mod: mods.has('mod'), key };
}

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** `true` when `e` is the combination `keys`. `isMac` decides what `Mod` means. */
export function matchesKeys(keys: string, e: KeyEventLike, isMac = false): boolean {
  const c = parseKeys(keys);
  const wantCtrl = c.ctrl || (c.mod && !isMac);
  const wantMeta = c.meta || (c.mod && isMac);
  if (e.altKey !== c.alt || e.ctrlKey !== wantCtrl || e.metaKey !== wantMeta) return false;
  const k = c.key;
  if (/^[a-z0-9]$/i.test(k)) {
    // Letters and digits: Shift must match exactly, and the physical key counts (layouts, Option on Mac).
    if (e.shiftKey !== c.shift) return false;
    const code = /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : `Digit${k}`;
    return e.code === code || e.key.toLowerCase() === k.toLowerCase();
  }
  // Named keys (Enter, Escape, ArrowUp): Shift must match. Symbols such as "?" already need
  // Shift on most layouts, so there only the produced character counts.
  if (k.length > 1 && e.shiftKey !== c.shift) return false;
  return e.key.toLowerCase() === k.toLowerCase();
}

/** How a combo reads on screen: `Alt+C` → `⌥C` on a Mac, `Alt+C` elsewhere. */
export function formatKeys(keys: string, isMac = false): string {
  const steps = sequenceSteps(keys);
  if (steps.length > 1) return steps.map((k) => formatKeys(k, isMac)).join(' then ');
  const c = parseKeys(keys);
  const key = c.key.length === 1 ? c.key.toUpperCase() : c.key === 'Escape' ? 'Esc' : c.key;
  if (isMac) return `${c.ctrl ? '⌃' : ''}${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.meta || c.mod ? '⌘' : ''}${key}`;
  return [c.ctrl || c.mod ? 'Ctrl' : '', c.meta ? 'Meta' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'range'].includes(target.type);
}

/** `G W` → `['G', 'W']`; a single combo → one step. */
export function sequenceSteps(keys: string): string[] {
  const steps = keys.trim().split(/\s+/);
  return steps.length > 1 ? steps : [keys];
}

// ---- registry ----------------------------------------------------------------------------

let entries: ShortcutDef[] = [];
let snapshot: ShortcutInfo[] = [];
const listeners = new Set<() => void>();
let listening = false;

function changed(): void {
  snapshot = entries.map(({ id, keys, description, group }) => ({ id, keys, description, group }));
  listeners.forEach((l) => l());
}

const SEQUENCE_MS = 1000;
/** The first key of a sequence, just pressed. */
let pendingStep: { event: KeyEventLike; at: number } | null = null;

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing) return;
  // A modifier pressed on its own (Shift for "?") neither starts nor breaks a sequence.
  if (e.key === 'Shift' || e.key === 'Control' || e.key === 'Alt' || e.key === 'Meta') return;
  const mac = isMacPlatform();
  const inText = isTextTarget(e.target);
  const hasModifier = e.altKey || e.ctrlKey || e.metaKey;
  const allowed = (s: ShortcutDef) => !inText || (s.allowInInputs ?? hasModifier);
  const previous = pendingStep && Date.now() - pendingStep.at < SEQUENCE_MS ? pendingStep.event : null;
  pendingStep = null;
  const fire = (s: ShortcutDef) => {
    e.preventDefault();
    s.handler(e);
  };
  // Latest registration wins: a dialog's or the open chat's handler beats an older one.
  if (previous) {
    for (let i = entries.length - 1; i >= 0; i--) {
      const s = entries[i]!;
      const steps = sequenceSteps(s.keys);
      if (steps.length === 2 && allowed(s) && matchesKeys(steps[0]!, previous, mac) && matchesKeys(steps[1]!, e, mac)) return fire(s);
    }
  }
  for (let i = entries.length - 1; i >= 0; i--) {
    const s = entries[i]!;
    if (sequenceSteps(s.keys).length > 1 || !matchesKeys(s.keys, e, mac) || !allowed(s)) continue;
    return fire(s);
  }
  const startsSequence = entries.some((s) => {
    const steps = sequenceSteps(s.keys);
    return steps.length === 2 && allowed(s) && matchesKeys(steps[0]!, e, mac);
  });
  if (startsSequence) pendingStep = { event: { key: e.key, code: e.code, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey }, at: Date.now() };
}

/** Add a shortcut; returns the function that removes it. */
export function register(def: ShortcutDef): () => void {
  entries = [...entries.filter((s) => s.id !== def.id), def];
  if (!listening && typeof window !== 'undefined') {
    window.addEventListener('keydown', onKeyDown);
    listening = true;
  }
  changed();
  return () => {
    if (!entries.includes(def)) return;
    entries = entries.filter((s) => s !== def);
    changed();
  };
}

/** Everything registered right now, in registration order. */
export function listShortcuts(): readonly ShortcutInfo[] {
  return snapshot;
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The registry as React state (for the help overlay). */
export function useShortcutList(): readonly ShortcutInfo[] {
  return useSyncExternalStore(subscribe, listShortcuts);
}

/**
 * Register a shortcut while the component is mounted (and `enabled`). The handler may change
 * every render; the registration doesn't.
 */
export function useShortcut(def: ShortcutDef & { enabled?: boolean }): void {
  const handler = useRef(def.handler);
  useEffect(() => {
    handler.current = def.handler;
  });
  const { id, keys, description, group, allowInInputs, enabled = true } = def;
  useEffect(() => {
    if (!enabled) return;
    return register({ id, keys, description, group, allowInInputs, handler: (e) => handler.current(e) });
  }, [id, keys, description, group, allowInInputs, enabled]);
}
