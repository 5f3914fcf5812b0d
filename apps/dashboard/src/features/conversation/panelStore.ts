/** Whether the conversation details panel is shown on desktop; remembered per browser. */
const KEY = 'parley.detailsPanel';
const listeners = new Set<() => void>();

function initial(): boolean {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'open') return true;
    if (saved === 'closed') return false;
  } catch {
    // storage blocked: fall through to the default
  }
  // Open by default where there is room for three columns.
  return typeof window !== 'undefined' && window.innerWidth >= 1200;
}

let open: boolean | null = null;

export function getPanelOpen(): boolean {
  open ??= initial();
  return open;
}

export function setPanelOpen(next: boolean): void {
  open = next;
  try {
    localStorage.setItem(KEY, next ? 'open' : 'closed');
  } catch {
    // keep it for this page only
  }
  listeners.forEach((l) => l());
}

export function subscribePanel(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
