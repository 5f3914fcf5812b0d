/** What the loader and the app share (types only: the loader must stay tiny). */

/** One queued `Parley(...)` call: its `arguments` (or an array). */
export type ParleyCommand = ArrayLike<unknown>;

/** `window.Parley`: a command queue until the app loads, then an immediate command runner. */
export interface ParleyQueue {
  (...args: unknown[]): void;
  q?: ParleyCommand[];
}

/** What the loader hands to the app's `mount()`. */
export interface MountOptions {
  /** The open shadow root on the `#parley-widget` host element. */
  root: ShadowRoot;
  host: HTMLElement;
  /** Origin of the Parley server, e.g. `https://chat.example.com`. */
  base: string;
  siteKey: string;
  /** Commands queued before the app loaded, in order. */
  queue: ParleyCommand[];
  /** The visitor clicked the loader's bubble: open the chat at once. */
  open: boolean;
}

declare global {
  interface Window {
    Parley?: ParleyQueue;
  }
}
