import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { api, login } from '../apps/server/src/test/clients';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn } from './browser';

/**
 * The agent-workspace settings in Chromium: an admin creates a department, sets a site's
 * routing and the workspace presence rules, and writes a shared canned response; an agent
 * sees it read-only and keeps personal ones.
 */
describe('workspace settings in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let adminCreds: { email: string; password: string };
  let carla: { email: string; password: string; id: string };

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx, { name: 'Garden shop', domains: ['localhost'] });
    adminCreds = await buildAgent(server.ctx, { role: 'admin', name: 'Ada Admin', pseudoName: 'Ada', siteIds: [site.id] });
    carla = await buildAgent(server.ctx, { name: 'Carla Agent', pseudoName: 'Carla', siteIds: [site.id] });
    browser = await launchBrowser();
    admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(admin, server.url, adminCreds);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin creates a department with a website and an agent; the team page shows it', async () => {
    await admin.getByTestId('nav-settings').first().click();
    await admin.getByTestId('settings-departments').click();
    await admin.getByTestId('department-new').click();
    await admin.getByTestId('department-save').click();
    await admin.getByText('Required').waitFor(); // no name: refused before anything is sent
    await admin.getByTestId('department-name').fill('Billing');
    await admin.locator('label', { hasText: 'Garden shop' }).getByTestId('department-site').check();
    await admin.locator('label', { hasText: 'Carla Agent' }).getByTestId('department-agent').check();
    await shot(admin, 'settings-department-edit');
    await admin.getByTestId('department-save').click();
    await admin.getByText('Saved').waitFor();

    await admin.getByText('All departments').click();
    const row = admin.getByTestId('department-row').filter({ hasText: 'Billing' });
    await expect.poll(() => row.textContent()).toContain('Garden shop · 1 agent');
    await shot(admin, 'settings-departments');

    await admin.getByTestId('settings-agents').click();
    const carlaRow = admin.getByTestId('agent-row').filter({ hasText: 'Carla Agent' });
    await expect.poll(() => carlaRow.getByTestId('agent-departments').textContent()).toBe('Billing');
    expect(await carlaRow.textContent()).toContain('up to 5 chats');
    await shot(admin, 'settings-team');

    const session = await login(server, adminCreds);
    const listed = await api(server, 'GET', '/api/departments', { cookie: session.cookie });
    expect(listed.body.departments).toEqual([expect.objectContaining({ name: 'Billing', siteIds: [site.id], agentIds: [carla.id] })]);
  });

  it("an admin sets a website's routing mode and unanswered alert", async () => {
    await admin.getByTestId('settings-sites').click();
    await admin.getByTestId('site-row').filter({ hasText: 'Garden shop' }).click();
    const routing = admin.getByTestId('site-routing');
    await routing.waitFor();
    expect(await admin.getByTestId('site-routing-manual').isChecked()).toBe(true);
    await routing.getByText('Least loaded').click();
    await admin.getByTestId('site-unanswered-seconds').fill('45');
    await admin.getByTestId('site-routing').scrollIntoViewIfNeeded();
    await shot(admin, 'settings-site-routing');
    await admin.getByTestId('site-save').click();
    await admin.getByText('Saved').waitFor();

    const session = await login(server, adminCreds);
    const r = await api(server, 'GET', `/api/sites/${site.id}`, { cookie: session.cookie });
    expect(r.body.site.routing).toEqual({ mode: 'least_loaded', unansweredAlertSeconds: 45 });
    await admin.reload();
    await admin.getByTestId('site-routing').waitFor();
    expect(await admin.getByTestId('site-routing-least_loaded').isChecked()).toBe(true);
  });

  it('an admin changes the workspace presence rules', async () => {
    await admin.getByTestId('settings-workspace').click();
    await admin.getByTestId('workspace-auto-away').fill('10');
    await admin.getByTestId('workspace-grace').fill('2');
    await admin.getByTestId('workspace-save').click();
    await admin.locator('.field--invalid').first().waitFor(); // grace below 5 s is refused
    await admin.getByTestId('workspace-grace').fill('90');
    await admin.getByTestId('workspace-requeue').uncheck();
    await admin.getByTestId('workspace-save').click();
    await admin.getByText('Saved').waitFor();
    await shot(admin, 'settings-workspace');

    const session = await login(server, adminCreds);
    const r = await api(server, 'GET', '/api/workspace/settings', { cookie: session.cookie });
    expect(r.body.settings).toEqual({ autoAwayMinutes: 10, requeueOnOffline: false, offlineGraceSeconds: 90 });
    await admin.reload();
    await expect.poll(() => admin.getByTestId('workspace-auto-away').inputValue()).toBe('10');
    expect(await admin.getByTestId('workspace-requeue').isChecked()).toBe(false);
  });

  it('an admin writes a shared canned response with variables and a live preview', async () => {
    await admin.getByTestId('settings-canned').click();
    await admin.getByTestId('canned-new').click();
    await admin.getByTestId('canned-title').fill('Opening hours');
    await admin.getByTestId('canned-shortcut').fill('/hours');
    await admin.getByTestId('canned-category').fill('General');
    const body = admin.getByTestId('canned-body');
    await body.fill('Hi ');
    await body.press('End');
    await admin.getByTestId('canned-insert-var').filter({ hasText: 'Visitor name' }).click();
    await body.press('End');
    await body.pressSequentially(', we are open 9 to 18. – ', { delay: 5 });
    await admin.getByTestId('canned-insert-var').filter({ hasText: 'Agent name' }).click();
    await body.pressSequentially(' at ');
    await admin.getByTestId('canned-insert-var').filter({ hasText: 'Website name' }).click();
    expect(await body.inputValue()).toBe('Hi {{visitor.name}}, we are open 9 to 18. – {{agent.name}} at {{site.name}}');
    await expect.poll(() => admin.getByTestId('canned-preview').textContent()).toBe('Hi Jane Doe, we are open 9 to 18. – Ada at Garden shop');
    await admin.getByTestId('canned-shared').check();
    await shot(admin, 'settings-canned-edit');
    await admin.getByTestId('canned-save').click();
    await admin.getByText('Saved').waitFor();

    await admin.getByText('All canned responses').click();
    const row = admin.getByTestId('canned-row').filter({ hasText: 'Opening hours' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Shared');
    expect(await row.getByTestId('canned-usage').textContent()).toBe('Not used yet');
  });

  it('the list searches and filters by category', async () => {
    await admin.getByTestId('canned-new').click();
    await admin.getByTestId('canned-title').fill('Return policy');
    await admin.getByTestId('canned-shortcut').fill('returns');
    await admin.getByTestId('canned-category').fill('Shipping');
    await admin.getByTestId('canned-body').fill('You can return anything within 30 days.');
    await admin.getByTestId('canned-save').click();
    await admin.getByText('Saved').waitFor();
    await admin.getByText('All canned responses').click();

    const rows = admin.getByTestId('canned-row');
    await expect.poll(() => rows.count()).toBe(2);
    await admin.getByTestId('canned-search').fill('30 days');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Return policy')]);
    await admin.getByTestId('canned-search').fill('');
    await admin.getByTestId('canned-category-filter').selectOption('General');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Opening hours')]);
    await shot(admin, 'settings-canned-list');
  });

  it('an agent sees the shared response read-only and cannot share their own', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signIn(page, server.url, carla);
    await page.goto(server.url + '/settings/canned');
    const shared = page.getByTestId('canned-row').filter({ hasText: 'Opening hours' });
    await shared.click();
    await page.getByText('Read only').waitFor();
    expect(await page.getByTestId('canned-body').isDisabled()).toBe(true);
    expect(await page.getByTestId('canned-save').count()).toBe(0);

    await page.goto(server.url + '/settings/canned/new');
    expect(await page.getByTestId('canned-shared').isDisabled()).toBe(true);
    await page.getByTestId('canned-title').fill('My sign-off');
    await page.getByTestId('canned-shortcut').fill('bye');
    await page.getByTestId('canned-body').fill('Thanks {{visitor.name}}, have a nice day!');
    await page.getByTestId('canned-save').click();
    await page.getByText('Saved').waitFor();
    await shot(page, 'settings-canned-phone');
    await page.getByText('All canned responses').click();
    await expect.poll(() => page.getByTestId('canned-row').filter({ hasText: 'My sign-off' }).textContent()).toContain('Personal');
    await page.context().close();
  });

  it('an admin deletes a department in two steps', async () => {
    await admin.getByTestId('settings-departments').click();
    await admin.getByTestId('department-row').filter({ hasText: 'Billing' }).click();
    await admin.getByTestId('department-delete').click();
    await shot(admin, 'settings-department-delete');
    await admin.getByTestId('department-delete-confirm').click();
    await admin.getByText('No departments yet.').waitFor();
  });
});
