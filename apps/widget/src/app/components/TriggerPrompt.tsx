import { useEffect, useState } from 'preact/hooks';
import { S } from '../i18n';
import type { Proactive } from '../proactive';
import type { Store } from '../store';
import { CloseIcon } from './icons';

/** The prompt's CSS (added to the widget's sheet by main.tsx). */
export const PROMPT_CSS = `
.tp{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:300px;max-width:calc(100vw - 40px);padding:14px 16px;padding-inline-end:40px;background:var(--bg);color:var(--fg);border-radius:14px;box-shadow:0 8px 32px rgba(0,0,0,.2);animation:pw-tp .25s ease-out}
.left .tp{right:auto;left:20px}
.tp small{display:block;margin-bottom:4px;color:var(--mu);font-size:12px;font-weight:600}
.tp p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;max-height:40vh;overflow-y:auto}
.tp .x{position:absolute;top:6px;inset-inline-end:6px;width:30px;height:30px;padding:0;border:0;border-radius:8px;background:none;display:flex;align-items:center;justify-content:center;color:var(--mu)}
.tp .x:hover{background:var(--hv)}
@keyframes pw-tp{from{opacity:0;transform:translateY(16px)}}
@media (prefers-reduced-motion:reduce){.tp{animation:none}}
`;

interface Props {
  proactive: Proactive;
  /** For the team name shown above the message. */
  store: Pick<Store, 'state'>;
}

/**
 * A proactive prompt sliding in above the launcher: the trigger's message, "Reply" (opens
 * the chat with that message) and ×. It never takes the focus: the polite live region
 * announces it, and it is the next stop after the page's content for keyboard users.
 */
export function TriggerPrompt({ proactive, store }: Props) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const off = proactive.subscribe(() => setTick((n) => n + 1));
    // A prompt that came up between the first render and this subscription (a trigger at
    // 0 seconds fires on a zero-delay timer, before effects run) would otherwise never show.
    setTick((n) => n + 1);
    return off;
  }, [proactive]);
  const t = proactive.prompt;
  const team = store.state.config?.settings.title ?? '';
  return (
    <div aria-live="polite">
      {t && (
        <section class="tp" aria-label={S.promptLabel(team)} data-testid="trigger-prompt" data-trigger-id={t.id}>
          <small>{team}</small>
          <p>{t.message}</p>
          <button type="button" class="btn" data-testid="trigger-accept" onClick={() => proactive.answer('accepted')}>
            {S.promptReply}
          </button>
          <button type="button" class="x" aria-label={S.promptDismiss} data-testid="trigger-dismiss" onClick={() => proactive.answer('dismissed')}>
            <CloseIcon />
          </button>
        </section>
      )}
    </div>
  );
}
