import { useState } from 'react';
import type { SiteDto } from '@parley/protocol';
import { CopyButton } from '../../../ui/CopyButton';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';

/** The code a website's server runs to sign its logged-in user for the widget. */
export function identitySample(siteKey: string): string {
  return `// On your server (Node.js). Never put the secret in a web page.
import { createHmac } from 'node:crypto';

const hash = createHmac('sha256', process.env.PARLEY_IDENTITY_SECRET)
  .update(String(user.id))
  .digest('hex');

// In the page, with the hash your server rendered:
Parley('boot', {
  siteKey: '${siteKey}',
  user: { id: user.id, name: user.name, email: user.email, hash },
});`;
}

/** Admins only: the site's identity secret, and how to use it. */
export function IdentitySection({ site }: { site: SiteDto }) {
  const [shown, setShown] = useState(false);
  const secret = site.identitySecret;
  return (
    <div className="stack">
      <Panel
        title="Identity verification"
        description="Tell the widget who your logged-in users are, and prove it, so their chats are marked verified and follow them across devices."
      >
        <div className="stack">
          <div className="field">
            <span className="field-legend">Identity secret</span>
            {secret ? (
              <div className="secret">
                <code className="secret__value" data-testid="identity-secret">
                  {shown ? secret : '•'.repeat(Math.min(secret.length, 32))}
                </code>
                <button type="button" className="btn btn--secondary btn--sm" onClick={() => setShown((s) => !s)} aria-pressed={shown} data-testid="identity-reveal">
                  <Icon name="eye" size={16} /> {shown ? 'Hide' : 'Reveal'}
                </button>
                <CopyButton text={secret} label="Copy" testId="identity-copy" />
              </div>
            ) : (
              <p className="muted">Only admins can see the secret.</p>
            )}
            <p className="field__hint">Keep it on your server, like a password. Anyone who has it can sign in as any of your users in the chat.</p>
          </div>
          <div className="note">
            <strong>How it works.</strong> Your server computes <code>hash</code> = HMAC-SHA256 of the user’s id with this secret (hex), and the page passes it with the
            user to <code>Parley('boot')</code> or <code>Parley('identify')</code>. A valid hash marks the visitor verified and joins their earlier chats from other
            browsers. Without a hash, or with a wrong one, the name and email are kept as unverified claims and are never merged into a verified visitor.
          </div>
        </div>
      </Panel>
      <Panel title="Example" description="Node.js; any language with HMAC-SHA256 works the same way. The JavaScript API is described in docs/widget-sdk.md.">
        <div className="snippet">
          <pre data-testid="identity-sample">
            <code>{identitySample(site.widgetKey)}</code>
          </pre>
          <CopyButton text={identitySample(site.widgetKey)} label="Copy code" />
        </div>
      </Panel>
    </div>
  );
}
