/**
 * The chat app, loaded by the loader (`/widget.js`) from `/widget/app.js`.
 *
 * @example
 *   Parley('open'); Parley('setContext', { cart: { total: 42 } }); Parley('on', 'unread', (n) => …);
 */
import { render, type ComponentChildren } from 'preact';
import { adoptStyles } from '../shared/styles';
import type { MountOptions, ParleyQueue } from '../shared/types';
import { Widget } from './components/Widget';
import { createSdk } from './sdk';
import { Store } from './store';
import { CSS, addStyles } from './styles';
import { Tracker } from './tracking';

/** The dashboard's live preview of the widget (a lazily loaded chunk; used by /widget/preview.html). */
export { preview } from './preview-lazy';

/** Replaces the loader's bubble with the app inside the same shadow root, then runs the queued SDK calls. */
export function mount({ root, base, siteKey, queue, open }: MountOptions): void {
  const store = new Store(base, siteKey);
  const tracker = new Tracker(store);
  const run = createSdk({ store, tracker, siteKey });

  const container = document.createElement('div');
  const hadFocus = !!root.activeElement;
  root.replaceChildren(container);
  adoptStyles(root, CSS);
  const draw = (prompt?: ComponentChildren) => render(<Widget store={store}>{prompt}</Widget>, container);
  draw();
  loadPrompts(store, tracker, container, draw);

  for (const args of queue.splice(0)) run(args);
  const parley: ParleyQueue = (...args: unknown[]) => run(args);
  window.Parley = parley;

  if (open) store.setOpen(true);
  else if (hadFocus) root.querySelector<HTMLButtonElement>('[data-testid=launcher]')?.focus();
  tracker.start();
  store.start();
}

/** Proactive prompts are a lazily loaded chunk, fetched only when the site has triggers. */
function loadPrompts(store: Store, tracker: Tracker, container: HTMLElement, draw: (prompt: ComponentChildren) => void): void {
  const off = store.subscribe(() => {
    const config = store.state.config;
    if (!config) return;
    off();
    if (!config.triggers?.length) return;
    Promise.all([import('./proactive'), import('./components/TriggerPrompt')]).then(
      ([{ Proactive }, { PROMPT_CSS, TriggerPrompt }]) => {
        const proactive = new Proactive(store, tracker);
        addStyles(container, 'prompt', PROMPT_CSS);
        draw(<TriggerPrompt proactive={proactive} store={store} />);
        proactive.start();
      },
      (e: unknown) => console.warn('Parley: could not load proactive prompts', e),
    );
  });
}
