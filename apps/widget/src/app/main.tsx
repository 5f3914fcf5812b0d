/**
 * The chat app, loaded by the loader (`/widget.js`) from `/widget/app.js`.
 *
 * @example
 *   Parley('open'); Parley('close'); Parley('toggle'); Parley('show'); Parley('hide');
 */
import { render } from 'preact';
import { adoptStyles } from '../shared/styles';
import type { MountOptions, ParleyCommand, ParleyQueue } from '../shared/types';
import { Widget } from './components/Widget';
import { Store } from './store';
import { CSS } from './styles';

/** Replaces the loader's bubble with the app inside the same shadow root. */
export function mount({ root, base, siteKey, queue, open }: MountOptions): void {
  const store = new Store(base, siteKey);
  const container = document.createElement('div');
  const hadFocus = !!root.activeElement;
  root.replaceChildren(container);
  adoptStyles(root, CSS);
  render(<Widget store={store} />, container);

  const warned = new Set<string>();
  const commands: Record<string, () => void> = {
    open: () => store.setOpen(true),
    close: () => store.setOpen(false),
    toggle: () => store.setOpen(!store.state.open),
    show: () => store.setVisible(true),
    hide: () => store.setVisible(false),
  };
  const run = (args: ParleyCommand) => {
    const name = String(args[0]);
    const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
    if (command) command();
    else if (!warned.has(name)) {
      warned.add(name);
      console.warn(`Parley: unknown command "${name}"`);
    }
  };

  for (const args of queue.splice(0)) run(args);
  const parley: ParleyQueue = (...args: unknown[]) => run(args);
  window.Parley = parley;

  if (open) store.setOpen(true);
  else if (hadFocus) root.querySelector<HTMLButtonElement>('[data-testid=launcher]')?.focus();
  store.start();
}
