import type { BrowserContext, Frame, Page } from 'playwright-core';

/**
 * Watches a browser context for what hostile input must never achieve: a script of ours
 * running (payloads set `window.__xss` or open a dialog), markup getting into the DOM as
 * elements, or the page's Content-Security-Policy refusing something (a refused inline
 * handler means markup got in; a refused file means the policy breaks the page).
 */
export interface Watch {
  dialogs: string[];
  /** `securitypolicyviolation` events, from every frame: `directive blocked-uri`. */
  violations(): Promise<string[]>;
  /** Every problem at once, for one assertion: dialogs, `__xss`, injected elements, CSP violations. */
  problems(): Promise<string[]>;
}

const INIT = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline') + (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : '')));
})();`;

/** Elements and attributes only an injection would create (our apps never render handler attributes or javascript: URLs). */
function scan(): string[] {
  const bad: string[] = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      for (const name of el.getAttributeNames()) {
        if (/^on/i.test(name)) bad.push(`<${el.tagName.toLowerCase()} ${name}>`);
        if (urlAttrs.includes(name.toLowerCase()) && /^\s*(javascript|vbscript|data:text\/html)/i.test(el.getAttribute(name) ?? '')) bad.push(`<${el.tagName.toLowerCase()} ${name}="${el.getAttribute(name)}">`);
      }
      // (The test's own host page marks its scripts data-host.)
      if (el.tagName === 'SCRIPT' && !el.hasAttribute('data-host') && /__xss|alert\(/.test(el.textContent ?? '')) bad.push('<script> with a payload');
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('<img src=x>');
      if (el.tagName === 'IFRAME' && !el.getAttribute('src')?.startsWith('/widget/')) bad.push(`<iframe src="${el.getAttribute('src')}">`);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  const w = window as unknown as { __xss?: unknown };
  if (w.__xss !== undefined) bad.push(`window.__xss = ${String(w.__xss)}`);
  return bad;
}

export async function watch(context: BrowserContext): Promise<Watch> {
  await context.addInitScript(INIT);
  const dialogs: string[] = [];
  const onPage = (page: Page) =>
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
  context.pages().forEach(onPage);
  context.on('page', onPage);
  const frames = () => context.pages().flatMap((p) => p.frames());
  const inEach = async <T>(fn: (f: Frame) => Promise<T[]>) => (await Promise.all(frames().map((f) => fn(f).catch(() => [] as T[])))).flat();
  const violations = () => inEach((f) => f.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []));
  return {
    dialogs,
    violations,
    problems: async () => [...dialogs.map((d) => `dialog ${d}`), ...(await inEach((f) => f.evaluate(scan))), ...(await violations()).map((v) => `CSP refused ${v}`)],
  };
}
