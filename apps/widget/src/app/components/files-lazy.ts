/**
 * The files chunk (`../files`): uploads, thumbnails, cards, the image viewer. The chat window
 * fetches it when it shows and the site takes files, or when a message carries one.
 */
import { useEffect, useState } from 'preact/hooks';
import type * as Files from '../files';
import { once } from './lazy';

export type FilesKit = typeof Files;

let kit: FilesKit | null = null;

export const loadFiles = once(() => import('../files').then((m) => (kit = m)));

/** The chunk once it is here (re-renders the caller when it arrives). */
export function useFiles(wanted: boolean): FilesKit | null {
  const [, arrived] = useState(0);
  useEffect(() => {
    if (wanted && !kit) loadFiles().then(
      () => arrived((n) => n + 1),
      (e: unknown) => console.warn('Parley: could not load the files part', e),
    );
  }, [wanted]);
  return kit;
}
