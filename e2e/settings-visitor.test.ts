import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { api, login } from '../apps/server/src/test/clients';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn, startHostSite } from './browser';

/**
 * A website's visitor-facing settings in Chromium: appearance with the live preview, the
 * pre-chat form builder, business hours, offline messages, privacy, identity verification and
 * proactive triggers, each checked through the real widget on a host page of another origin;
 * managers read them, plain agents never see them.
 */
describe('site visitor settings in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let adminCreds: { email: string; password: string };
  /** One API session for the checks (logins are rate limited). */
  let adminSession: Awaited<ReturnType<typeof login>>;

  const sitePath = (tab = '') => `/settings/sites/${site.id}${tab ? `/${tab}` : ''}`;
  const stored = async () => (await api(server, 'GET', `/api/sites/${site.id}`, { cookie: adminSession.cookie })).body.site;
  const css = (el: Locator, prop: string) => el.evaluate((node, p) => getComputedStyle(node).getPropertyValue(p), prop);
  /** A first-time visitor on the customer's website (its own origin), in a fresh browser profile. */
  const newVisitor = async (path = '/') => {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
    await page.goto(host.url + path);
    return page;
  };

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx, { name: 'Garden shop', domains: ['localhost'] });
    adminCreds = await buildAgent(server.ctx, { role: 'admin', name: 'Ada Admin', pseudoName: 'Ada', siteIds: [site.id] });
    adminSession = await login(server, adminCreds);
    host = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`);
    browser = await launchBrowser();
    admin = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    await signIn(admin, server.url, adminCreds);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('the preview shows unsaved appearance changes; after saving, the real widget does', async () => {
    await admin.getByTestId('nav-settings').first().click();
    await admin.getByTestId('settings-sites').click();
    await admin.getByTestId('site-row').filter({ hasText: 'Garden shop' }).click();
    await admin.getByTestId('site-tab-appearance').click();
    const preview = admin.frameLocator('[data-testid=preview-frame]');
    const previewLauncher = preview.getByTestId('launcher');
    await expect.poll(() => css(previewLauncher, 'background-color')).toBe('rgb(37, 99, 235)');

    await admin.getByTestId('appearance-color').fill('#db2777');
    await admin.getByText('Bottom left').click();
    await admin.getByText('Dark', { exact: true }).click();
    await admin.getByTestId('appearance-title').fill('Garden helpers');
    expect(await admin.getByTestId('appearance-dirty').textContent()).toBe('Unsaved changes');
    // The preview follows at once; nothing is saved yet.
    await expect.poll(() => css(previewLauncher, 'background-color')).toBe('rgb(219, 39, 119)');
    const frameLeft = (await admin.getByTestId('preview-frame').boundingBox())!.x;
    await expect.poll(async () => (await previewLauncher.boundingBox())!.x - frameLeft).toBeLessThan(120);
    await expect.poll(() => css(preview.getByTestId('chat-window'), 'background-color')).toBe('rgb(28, 32, 38)');
    expect((await stored()).settings).toMatchObject({ color: '#2563eb', position: 'right', darkMode: 'auto' });
    await shot(admin, 'site-appearance-unsaved');

    await admin.getByTestId('appearance-save').click();
    await admin.getByTestId('toast').filter({ hasText: 'Appearance saved' }).waitFor();
    expect(await admin.getByTestId('appearance-dirty').textContent()).toBe('All changes saved');
    expect((await stored()).settings).toMatchObject({ color: '#db2777', position: 'left', darkMode: 'dark', title: 'Garden helpers' });

    const visitor = await newVisitor();
    const launcher = visitor.getByTestId('launcher');
    await expect.poll(() => css(launcher, 'background-color')).toBe('rgb(219, 39, 119)');
    expect((await launcher.boundingBox())!.x).toBeLessThan(120);
    await launcher.click();
    await expect.poll(() => css(visitor.getByTestId('chat-window'), 'background-color')).toBe('rgb(28, 32, 38)');
    expect(await visitor.getByTestId('team-name').textContent()).toBe('Garden helpers');
    await shot(visitor, 'widget-appearance-saved');
    await visitor.context().close();
  });

  it("the server's refusal is shown next to the field it is about, and Reset drops the draft", async () => {
    await admin.route(`**/api/sites/${site.id}`, (route) =>
      route.request().method() === 'GET'
        ? route.continue()
        : route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'validation_failed', message: 'settings.title: Taken', details: { issues: [{ path: 'settings.title', message: 'That name is reserved' }] } } }),
          }),
    );
    await admin.getByTestId('appearance-title').fill('Parley');
    await admin.getByTestId('appearance-save').click();
    await admin.locator('.field--invalid').filter({ hasText: 'That name is reserved' }).waitFor();
    await admin.unroute(`**/api/sites/${site.id}`);
    await admin.getByTestId('appearance-reset').click();
    expect(await admin.getByTestId('appearance-title').inputValue()).toBe('Garden helpers');
    expect(await admin.locator('.field--invalid').count()).toBe(0);
  });

  it('an admin builds a pre-chat form with a required dropdown; the widget asks for it', async () => {
    await admin.getByTestId('site-tab-prechat').click();
    await admin.getByTestId('prechat-enabled').check();
    await admin.getByTestId('prechat-add-select').click();
    const card = admin.getByTestId('prechat-field').last();
    await card.getByTestId('prechat-field-label').fill('Service');
    await card.getByTestId('prechat-field-required').check();
    expect(await card.getByTestId('prechat-field-key').inputValue()).toBe('service');
    const choices = card.getByTestId('prechat-option');
    await choices.nth(0).getByTestId('prechat-option-label').fill('Repair');
    await card.getByTestId('prechat-field-tr').locator('summary').click();
    await card.getByTestId('prechat-field-tr-es').fill('Servicio');
    // A dropdown without choices is refused before anything is sent.
    await choices.nth(1).getByTestId('prechat-option-remove').click();
    await choices.nth(0).getByTestId('prechat-option-remove').click();
    await admin.getByTestId('prechat-save').click();
    await card.getByText('A dropdown needs at least one option').waitFor();
    expect((await stored()).settings.preChatForm.enabled).toBe(false);
    await card.getByTestId('prechat-option-add').click();
    await choices.nth(0).getByTestId('prechat-option-label').fill('Repair');
    await card.getByTestId('prechat-option-add').click();
    await choices.nth(1).getByTestId('prechat-option-label').fill('New garden');
    await expect.poll(() => card.getByText('A dropdown needs at least one option').count()).toBe(0);
    await card.getByTestId('prechat-field-up').click(); // above Email
    await shot(admin, 'site-prechat-builder');
    await admin.getByTestId('prechat-save').click();
    await admin.getByTestId('toast').filter({ hasText: 'Pre-chat form saved' }).waitFor();
    const form = (await stored()).settings.preChatForm;
    expect(form.enabled).toBe(true);
    expect(form.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'service', 'email']);
    expect(form.fields[1]).toEqual({
      key: 'service',
      type: 'select',
      label: 'Service',
      labels: { es: 'Servicio' },
      required: true,
      options: [
        { value: 'repair', label: 'Repair', labels: {} },
        { value: 'new_garden', label: 'New garden', labels: {} },
      ],
    });

    const visitor = await newVisitor();
    await visitor.getByTestId('launcher').click();
    const prechat = visitor.getByTestId('prechat-form');
    await prechat.waitFor();
    await prechat.getByTestId('field-prechat-name').fill('Vera Visitor');
    await prechat.getByTestId('field-prechat-email').fill('vera@example.com');
    await visitor.getByTestId('prechat-submit').click();
    await visitor.getByTestId('error-prechat-service').waitFor(); // required
    await prechat.getByTestId('field-prechat-service').selectOption({ label: 'New garden' });
    await shot(visitor, 'widget-prechat');
    await visitor.getByTestId('prechat-submit').click();
    await visitor.getByTestId('composer').waitFor();
    await visitor.context().close();
  });

  it('an admin creates a trigger; a visitor accepts its prompt and the stats row counts it', async () => {
    await admin.getByTestId('site-tab-triggers').click();
    await admin.getByText('No triggers yet.').waitFor();
    await admin.getByTestId('trigger-new').click();
    await admin.getByTestId('trigger-save').click();
    await admin.getByTestId('trigger-error').waitFor(); // no name, no message
    await admin.getByTestId('trigger-name').fill('Pricing help');
    await admin.getByTestId('trigger-message').fill('Questions about our plans? Ask us!');
    const first = admin.getByTestId('condition-row').first();
    await first.getByTestId('condition-type').selectOption('url');
    await first.getByTestId('condition-op').selectOption('contains');
    await first.getByTestId('condition-value').fill('/pricing');
    await admin.getByTestId('condition-add').click();
    const second = admin.getByTestId('condition-row').nth(1);
    await second.getByTestId('condition-type').selectOption('time_on_page');
    await second.getByTestId('condition-value').fill('1');
    await admin.getByTestId('trigger-priority').fill('10');
    await admin.getByTestId('trigger-agents-only').uncheck();
    await shot(admin, 'site-trigger-editor');
    await admin.getByTestId('trigger-save').click();
    await admin.getByTestId('toast').filter({ hasText: 'Trigger created' }).waitFor();
    await admin.getByText('All triggers').click();
    const row = admin.getByTestId('trigger-row').filter({ hasText: 'Pricing help' });
    await row.waitFor();
    expect(await row.textContent()).toContain('URL contains “/pricing” · 1 s on the page');
    expect(await row.getByTestId('trigger-shown').textContent()).toBe('0');

    const visitor = await newVisitor('/pricing');
    const prompt = visitor.getByTestId('trigger-prompt');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Questions about our plans? Ask us!');
    await visitor.getByTestId('trigger-accept').click();
    await visitor.getByTestId('chat-window').waitFor();

    // A new period is a new query: the numbers are fetched fresh.
    await admin.getByTestId('trigger-period').selectOption('7');
    await expect.poll(() => row.getByTestId('trigger-shown').textContent()).toBe('1');
    expect(await row.getByTestId('trigger-accepted').textContent()).toBe('1');
    expect(await row.getByTestId('trigger-rate').textContent()).toBe('100%');
    await shot(admin, 'site-triggers');
    await visitor.context().close();

    await row.getByTestId('trigger-enabled-toggle').click();
    await admin.getByTestId('toast').filter({ hasText: 'Pricing help paused' }).waitFor();
    const list = await api(server, 'GET', `/api/sites/${site.id}/triggers`, { cookie: adminSession.cookie });
    expect(list.body.triggers).toEqual([expect.objectContaining({ name: 'Pricing help', enabled: false, priority: 10 })]);
  });

  it('closed now by a holiday: the live line says so and the widget offers the offline form', async () => {
    await admin.getByTestId('site-tab-hours').click();
    await admin.getByTestId('hours-enabled').check();
    await admin.getByTestId('hours-timezone').fill('UTC');
    for (const day of ['sat', 'sun']) await admin.getByTestId(`hours-open-${day}`).check();
    await admin.getByTestId('hours-day-mon').getByTestId('hours-from').fill('00:00');
    await admin.getByTestId('hours-day-mon').getByTestId('hours-to').fill('00:00'); // = until midnight
    await admin.getByTestId('hours-copy-monday').click();
    await admin.getByTestId('hours-day-sat').getByTestId('hours-from').fill('00:00');
    await admin.getByTestId('hours-day-sat').getByTestId('hours-to').fill('00:00');
    await admin.getByTestId('hours-day-sun').getByTestId('hours-from').fill('00:00');
    await admin.getByTestId('hours-day-sun').getByTestId('hours-to').fill('00:00');
    await expect.poll(() => admin.getByTestId('hours-status').textContent()).toMatch(/^Now: open/);
    await admin.getByTestId('hours-holiday-add').click();
    const today = new Date().toISOString().slice(0, 10);
    await admin.getByTestId('hours-holiday-date').fill(today);
    await admin.getByTestId('hours-holiday-name').fill('Inventory day');
    await expect.poll(() => admin.getByTestId('hours-status').textContent()).toMatch(/^Now: closed — opens \w{3} 00:00/);
    await shot(admin, 'site-hours');
    await admin.getByTestId('hours-save').click();
    await admin.getByTestId('toast').filter({ hasText: 'Business hours saved' }).waitFor();
    const hours = (await stored()).settings.businessHours;
    expect(hours).toMatchObject({ enabled: true, timezone: 'UTC', holidays: [{ date: today, name: 'Inventory day' }] });
    expect(hours.weekly.wed).toEqual([{ from: '00:00', to: '24:00' }]);

    await admin.getByTestId('site-tab-messages').click();
    await admin.getByTestId('messages-offline-text').fill('We are counting flower pots today. Leave us a message!');
    await admin.getByTestId('messages-save').click();
    await admin.getByTestId('toast').filter({ hasText: 'Messages saved' }).waitFor();

    const visitor = await newVisitor();
    await visitor.getByTestId('launcher').click();
    const offline = visitor.getByTestId('offline-form');
    await offline.waitFor();
    expect(await visitor.getByTestId('chat-window').textContent()).toContain('We are counting flower pots today. Leave us a message!');
    await shot(visitor, 'widget-offline');
    await visitor.context().close();
  });

  it('privacy and identity: tracking can be turned off, the secret revealed', async () => {
    await admin.getByTestId('site-tab-privacy').click();
    await admin.getByTestId('privacy-tracking').uncheck();
    expect(await admin.getByTestId('privacy-dnt').textContent()).toContain('Do Not Track is always honoured');
    await admin.getByTestId('privacy-save').click();
    await admin.getByTestId('toast').filter({ hasText: 'Privacy settings saved' }).waitFor();
    expect((await stored()).settings.tracking).toEqual({ enabled: false, storeBeforeInteraction: false });

    await admin.getByTestId('site-tab-identity').click();
    const secret = admin.getByTestId('identity-secret');
    expect(await secret.textContent()).toMatch(/^•+$/);
    await admin.getByTestId('identity-reveal').click();
    expect(await secret.textContent()).toBe((await stored()).identitySecret);
    expect(await admin.getByTestId('identity-sample').textContent()).toContain(`siteKey: '${site.widgetKey}'`);
  });

  it('leaving a tab with unsaved changes asks first', async () => {
    await admin.getByTestId('site-tab-messages').click();
    await admin.getByTestId('messages-greeting-enabled').check();
    admin.once('dialog', (d) => void d.dismiss());
    await admin.getByTestId('site-tab-privacy').click();
    expect(admin.url()).toContain('/messages');
    admin.once('dialog', (d) => void d.accept());
    await admin.getByTestId('site-tab-privacy').click();
    await admin.getByTestId('privacy-form').waitFor();
  });

  it('every tab at desktop and phone widths', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signIn(phone, server.url, adminCreds);
    // Each tab's own content (not just the tab bar, which every tab shows).
    const content: Record<string, string> = { '': 'site-name', appearance: 'appearance-form', prechat: 'prechat-form', hours: 'hours-form', messages: 'messages-form', triggers: 'trigger-new', 'triggers/new': 'trigger-name', privacy: 'privacy-form', identity: 'identity-sample' };
    for (const [tab, testId] of Object.entries(content)) {
      for (const page of [admin, phone]) {
        await page.goto(server.url + sitePath(tab));
        await page.getByTestId(testId).waitFor();
        await page.waitForTimeout(300);
        await shot(page, `site-${tab.replace('/', '-') || 'general'}-${page === admin ? 'desktop' : 'phone'}`);
        if (page === phone && ['prechat', 'hours', 'messages', 'triggers/new'].includes(tab)) {
          await page.locator('.settings__content').evaluate((el) => el.scrollBy(0, 700));
          await shot(page, `site-${tab.replace('/', '-')}-phone-scrolled`);
        }
        if (page === phone && (tab === 'appearance' || tab === 'prechat')) {
          await page.getByTestId('widget-preview').scrollIntoViewIfNeeded();
          await shot(page, `site-${tab}-preview-phone`);
        }
      }
    }
    await phone.context().close();
  });

  it('a manager reads the settings without changing them; a plain agent never sees them', async () => {
    const manager = await buildAgent(server.ctx, { role: 'manager', name: 'Max Manager', siteIds: [site.id] });
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signIn(page, server.url, manager);
    await page.goto(server.url + sitePath('prechat'));
    await page.getByText('Read only: ask an admin').waitFor();
    expect(await page.getByTestId('prechat-field-label').first().isDisabled()).toBe(true);
    expect(await page.getByTestId('prechat-save').count()).toBe(0);
    expect(await page.getByTestId('site-tab-identity').count()).toBe(0);
    await shot(page, 'site-prechat-manager-phone');
    await page.goto(server.url + sitePath('triggers'));
    await page.getByTestId('trigger-row').first().waitFor();
    expect(await page.getByTestId('trigger-new').count()).toBe(0);
    expect(await page.getByTestId('trigger-enabled-toggle').isDisabled()).toBe(true);
    await page.context().close();

    const agent = await buildAgent(server.ctx, { name: 'Carla Agent', siteIds: [site.id] });
    const agentPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(agentPage, server.url, agent);
    await agentPage.goto(server.url + sitePath('appearance'));
    await expect.poll(() => new URL(agentPage.url()).pathname).toBe('/settings/profile');
    expect(await agentPage.getByTestId('settings-sites').count()).toBe(0);
    const session = await login(server, agent);
    const refused = await api(server, 'PUT', `/api/sites/${site.id}`, { cookie: session.cookie, csrf: session.csrf, body: { settings: { color: '#000000' } } });
    expect(refused.status).toBe(403);
    await agentPage.context().close();
  });

  it('an admin deletes a trigger in two steps', async () => {
    await admin.goto(server.url + sitePath('triggers'));
    await admin.getByTestId('trigger-link').filter({ hasText: 'Pricing help' }).click();
    await admin.getByTestId('trigger-delete').click();
    await admin.getByTestId('trigger-delete-confirm').click();
    await admin.getByText('No triggers yet.').waitFor();
    expect((await api(server, 'GET', `/api/sites/${site.id}/triggers`, { cookie: adminSession.cookie })).body.triggers).toEqual([]);
  });
});
