/** Shared by the loader and the app (both bundle their own copy). */

/**
 * Gives `root` the sheet `css`: in place of its sheets, or after them with `add`.
 * Constructed stylesheets are not subject to the host page's CSP `style-src`;
 * browsers without them get a <style> element.
 */
export function adoptStyles(root: ShadowRoot, css: string, add?: boolean): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = add ? [...root.adoptedStyleSheets, sheet] : [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
}
