/** Shared by the loader and the app (both bundle their own copy). */

/**
 * Constructed stylesheets are not subject to the host page's CSP `style-src`;
 * browsers without them get a <style> element.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
}
