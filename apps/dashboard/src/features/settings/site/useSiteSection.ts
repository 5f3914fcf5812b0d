import { useMemo, useState, type FormEvent } from 'react';
import type { SiteDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { showToast } from '../../../lib/toast';
import { usePermissions, useSaveSite } from '../hooks/useSettings';
import { previewSettings, sameJson, serverErrors, storedSettings, validatePatch, type PathErrors, type SectionModel } from './sectionForm';
import { useUnsavedGuard } from './unsaved';

/**
 * The state of one site settings section: a draft of its keys, dirty tracking, validation
 * against the protocol's schema (live once a save was refused), and the save, which
 * replaces exactly those keys of the site's settings.
 */
export function useSiteSection<D>(site: SiteDto, model: SectionModel<D>, name: string) {
  const { canAdmin } = usePermissions();
  const save = useSaveSite();
  const stored = useMemo(() => storedSettings(site.settings), [site.settings]);
  const [draft, setDraft] = useState(() => model.toDraft(stored));
  const [live, setLive] = useState(false);
  const [fromServer, setFromServer] = useState<{ fields: PathErrors; message: string } | null>(null);
  const patch = useMemo(() => model.toPatch(draft), [model, draft]);
  const dirty = useMemo(() => !sameJson(patch, model.toPatch(model.toDraft(stored))), [model, patch, stored]);
  const preview = useMemo(() => previewSettings(stored, patch), [stored, patch]);
  const errors = useMemo<PathErrors>(() => {
    const v = live ? validatePatch(patch) : null;
    return { ...(v && !v.ok ? v.errors : {}), ...fromServer?.fields };
  }, [live, patch, fromServer]);
  const hasErrors = Object.keys(errors).length > 0;
  const formError = hasErrors ? 'Some settings need fixing: see the messages in red.' : (fromServer?.message ?? null);
  useUnsavedGuard(dirty && canAdmin);

  function update(change: (d: D) => D) {
    setDraft(change);
    setFromServer(null);
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const v = validatePatch(patch);
    setFromServer(null);
    if (!v.ok) {
      setLive(true);
      return;
    }
    try {
      const updated = await save.mutateAsync({ id: site.id, body: { settings: v.patch } });
      setDraft(model.toDraft(storedSettings(updated.settings)));
      setLive(false);
      showToast(`${name} saved`);
    } catch (err) {
      setFromServer({ fields: serverErrors(err) ?? {}, message: errorMessage(err) });
    }
  }

  function reset() {
    setDraft(model.toDraft(stored));
    setLive(false);
    setFromServer(null);
  }

  return { draft, update, errors, formError, dirty, saving: save.isPending, submit, reset, readOnly: !canAdmin, preview };
}

export type SiteSection<D> = ReturnType<typeof useSiteSection<D>>;
