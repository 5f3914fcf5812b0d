import { vi } from 'vitest';

/**
 * Just enough of a DOM for Preact to render components in Node (the widget's tests run
 * without a browser): elements with attributes, children, listeners, bubbling events and
 * focus. Properties stay attributes (`getAttribute('src')`), so tests read what was set.
 * Undo with `vi.unstubAllGlobals()`.
 */
export class FakeNode {
  parentNode: FakeElement | null = null;
  childNodes: FakeNode[] = [];
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  get nextSibling(): FakeNode | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  insertBefore(node: FakeNode, ref: FakeNode | null) {
    node.parentNode?.removeChild(node);
    const at = ref ? this.childNodes.indexOf(ref) : -1;
    if (at < 0) this.childNodes.push(node);
    else this.childNodes.splice(at, 0, node);
    node.parentNode = this as unknown as FakeElement;
    return node;
  }
  appendChild(node: FakeNode) {
    return this.insertBefore(node, null);
  }
  removeChild(node: FakeNode) {
    this.childNodes = this.childNodes.filter((c) => c !== node);
    node.parentNode = null;
    return node;
  }
  remove() {
    this.parentNode?.removeChild(this);
  }
  contains(node: FakeNode | null): boolean {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
}

export class FakeText extends FakeNode {
  nodeType = 3;
  constructor(public data: string) {
    super();
  }
  override get textContent() {
    return this.data;
  }
}

type Listener = (this: FakeElement, e: FakeEvent) => void;
export interface FakeEvent {
  type: string;
  target: FakeElement;
  currentTarget: FakeElement;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
  [more: string]: unknown;
}

export class FakeElement extends FakeNode {
  nodeType = 1;
  attributes = new Map<string, string>();
  listeners = new Map<string, Listener[]>();
  style = { setProperty: (k: string, v: string) => void (this.style[k] = v) } as Record<string, string> & { setProperty(k: string, v: string): void };
  // Preact looks for `on<event>` to learn an event's DOM name (lower case).
  onclick = null;
  onkeydown = null;
  onerror = null;
  onfocus = null;
  onchange = null;
  onpaste = null;
  onscroll = null;
  constructor(
    readonly localName: string,
    readonly namespaceURI: string | null = 'http://www.w3.org/1999/xhtml',
  ) {
    super();
  }
  setAttribute(name: string, value: unknown) {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  hasAttribute(name: string) {
    return this.attributes.has(name);
  }
  removeAttribute(name: string) {
    this.attributes.delete(name);
  }
  addEventListener(type: string, fn: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  removeEventListener(type: string, fn: Listener) {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((f) => f !== fn));
  }
  focus() {
    fakeDocument.activeElement = this;
  }
  getRootNode() {
    return fakeDocument;
  }
}

export const fakeDocument = {
  activeElement: null as FakeElement | null,
  createElementNS: (ns: string | null, tag: string) => new FakeElement(tag, ns),
  createElement: (tag: string) => new FakeElement(tag),
  createTextNode: (data: string) => new FakeText(data),
};

/** Installs the fake document (and a container to render into). */
export function fakeDom(): FakeElement {
  vi.stubGlobal('document', fakeDocument);
  fakeDocument.activeElement = null;
  return new FakeElement('div');
}

/** Dispatches an event at `el` that bubbles up (like a browser's click or keydown). */
export function fire(el: FakeElement, type: string, init: Record<string, unknown> = {}): FakeEvent {
  let stopped = false;
  const e: FakeEvent = {
    type,
    target: el,
    currentTarget: el,
    defaultPrevented: false,
    preventDefault: () => void (e.defaultPrevented = true),
    stopPropagation: () => void (stopped = true),
    ...init,
  };
  for (let n: FakeElement | null = el; n && !stopped; n = n.parentNode) {
    e.currentTarget = n;
    for (const fn of n.listeners.get(type) ?? []) fn.call(n, e);
  }
  return e;
}

/** Every element under `root` (itself excluded) that `match` accepts, in document order. */
export function findAll(root: FakeNode, match: (el: FakeElement) => boolean): FakeElement[] {
  return root.childNodes.flatMap((c) => (c instanceof FakeElement ? [...(match(c) ? [c] : []), ...findAll(c, match)] : []));
}

/** The first element with this attribute (and value, if given). */
export function byAttr(root: FakeNode, name: string, value?: string): FakeElement | undefined {
  return findAll(root, (el) => el.hasAttribute(name) && (value === undefined || el.getAttribute(name) === value))[0];
}

/** The first element of this tag. */
export const byTag = (root: FakeNode, tag: string) => findAll(root, (el) => el.localName === tag)[0];

/** Buttons by their text or aria-label. */
export const button = (root: FakeNode, name: string) => findAll(root, (el) => el.localName === 'button' && (el.textContent.trim() === name || el.getAttribute('aria-label') === name))[0];
