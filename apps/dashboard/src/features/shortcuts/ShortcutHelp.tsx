import { useEffect, useRef } from 'react';
import { formatKeys, isMacPlatform, sequenceSteps, useShortcutList } from '../../lib/shortcuts';
import { Icon } from '../../ui/Icon';
import { groupShortcuts } from './groups';
import { setHelpOpen, useHelpOpen } from './helpStore';
import './shortcuts.css';

function Keys({ keys, mac }: { keys: string; mac: boolean }) {
  const steps = sequenceSteps(keys);
  return (
    <span className="kbd-combo">
      {steps.map((step, i) => (
        <span key={i}>
          {i > 0 && <span className="kbd-then">then</span>}
          <kbd>{formatKeys(step, mac)}</kbd>
        </span>
      ))}
    </span>
  );
}

/** The `?` overlay: every shortcut registered right now (so it only lists what works here). */
export function ShortcutHelp() {
  const open = useHelpOpen();
  const list = useShortcutList();
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => before?.focus?.();
  }, [open]);

  if (!open) return null;
  const mac = isMacPlatform();
  const groups = groupShortcuts(list.filter((s) => s.id !== 'help.close'));
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && setHelpOpen(false)}>
      <div ref={dialog} className="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" tabIndex={-1} data-testid="shortcut-help">
        <header className="shortcuts__head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={() => setHelpOpen(false)}>
            <Icon name="close" />
          </button>
        </header>
        <div className="shortcuts__groups">
          {groups.map((g) => (
            <section key={g.group} className="shortcuts__group">
              <h3>{g.group}</h3>
              <dl>
                {g.items.map((item) => (
                  <div key={item.description} className="shortcuts__row" data-testid="shortcut-row">
                    <dt>{item.description}</dt>
                    <dd>
                      {item.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="kbd-or">or</span>}
                          <Keys keys={k} mac={mac} />
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="shortcuts__note">Press ? anywhere outside a text field to open this list.</p>
      </div>
    </div>
  );
}
