import { useEffect } from 'react';

/**
 * Whether the open site settings section has unsaved changes, so the section tabs and the
 * back link can ask before throwing them away (BrowserRouter has no navigation blocker).
 */
let unsaved = false;

/** Marks the section dirty while `dirty` holds (and warns before the page unloads). */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    unsaved = dirty;
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      unsaved = false;
    };
  }, [dirty]);
}

/** True when there is nothing to lose or the admin agrees to drop the changes. */
export function confirmLeave(): boolean {
  return !unsaved || window.confirm('You have unsaved changes. Leave without saving them?');
}
