import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot, signIn, startHostSite } from './browser';

/**
 * A transfer seen by three browsers: the visitor on a customer's page, Alice who takes the
 * chat and hands it to Bruno ("Transfer & leave", with a reason), and Bruno who receives it.
 * Along the way Alice writes an internal note mentioning Bruno that the visitor never sees.
 */
describe('transfer between two agents, seen by visitor, agent A and agent B', () => {
  let server: TestServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let visitor: Page;
  let alice: Page;
  let bruno: Page;
  const NOTE = 'VIP customer, refund approved by finance';
  const REASON = 'Refund needs billing access';

  beforeAll(async () => {
    server = await startTestServer();
    const site = await buildSite(server.ctx, { name: 'Host shop', domains: ['localhost'] });
    const a = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice', name: 'Alice Agent' });
    const b = await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Bruno', name: 'Bruno Agent' });
    host = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script>`);
    browser = await launchBrowser();
    visitor = await (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
    alice = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    bruno = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(alice, server.url, a);
    await signIn(bruno, server.url, b);
    for (const page of [alice, bruno]) {
      await page.getByTestId('status-select').selectOption('online');
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="status-select"]')?.value === 'online');
    }
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('Alice accepts the chat and writes a note mentioning Bruno, picked with the keyboard', async () => {
    await visitor.goto(host.url + '/');
    await visitor.getByTestId('launcher').click();
    await visitor.getByTestId('composer').fill('Hello, I was charged twice for my order');
    await visitor.getByTestId('composer').press('Enter');

    await alice.getByTestId('conv-row').filter({ hasText: 'charged twice' }).click();
    await alice.getByTestId('accept').click();
    await visitor.getByText('Alice joined the chat').waitFor();

    const composer = alice.getByTestId('composer');
    await composer.fill('Sorry about that! Let me check.');
    await composer.press('Enter');
    await visitor.getByTestId('message').filter({ hasText: 'Let me check' }).waitFor();

    // Alt+N switches to an internal note; the composer says so.
    await composer.press('Alt+n');
    await expect.poll(() => alice.locator('form.composer').getAttribute('data-mode')).toBe('note');
    await composer.pressSequentially(`${NOTE}, @Bru`, { delay: 15 });
    const picker = alice.getByTestId('mention-picker');
    await picker.waitFor();
    await expect.poll(() => picker.getByTestId('mention-option').allTextContents()).toEqual([expect.stringContaining('Bruno')]);
    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe(`${NOTE}, @Bruno `);
    await composer.press('Enter');

    const note = alice.getByTestId('message').filter({ hasText: NOTE });
    await note.waitFor();
    await expect.poll(() => note.getAttribute('data-kind')).toBe('note');
    await expect.poll(() => note.textContent()).toContain('Only visible to your team');
    await expect.poll(() => note.getByTestId('mention').textContent()).toBe('@Bruno');
    await shot(alice, 'transfer-note');
    // Back to replying for later.
    await composer.press('Alt+n');
    await expect.poll(() => alice.locator('form.composer').getAttribute('data-mode')).toBe('reply');
  });

  it('Alice transfers to Bruno with a reason ("Transfer & leave"); the dialog is keyboard friendly', async () => {
    // Alt+T opens the dialog, Esc closes it and gives the focus back.
    await alice.getByTestId('composer').focus();
    await alice.keyboard.press('Alt+t');
    const dialog = alice.getByTestId('transfer-dialog');
    await dialog.getByTestId('transfer-agent').first().waitFor();
    await alice.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await alice.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer');

    await alice.getByTestId('transfer-open').click();
    const option = dialog.getByTestId('transfer-agent').filter({ hasText: 'Bruno' });
    await option.waitFor();
    await expect.poll(() => option.textContent()).toContain('Online');
    // Alice herself is not offered.
    expect(await dialog.getByTestId('transfer-agent').filter({ hasText: 'Alice' }).count()).toBe(0);
    await option.click();
    await dialog.getByTestId('transfer-reason').fill(REASON);
    // Tab stays inside the modal dialog.
    for (let i = 0; i < 8; i++) await alice.keyboard.press('Tab');
    expect(await alice.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    await shot(alice, 'transfer-dialog');
    await dialog.getByTestId('transfer-leave').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('the visitor sees "Transferred from Alice to Bruno" and never the note', async () => {
    await visitor.getByText(/Transferred from Alice to Bruno/).waitFor({ timeout: 5000 });
    expect(await visitor.getByText(NOTE).count()).toBe(0);
    await shot(visitor, 'transfer-visitor');
  });

  it('Bruno is notified of the mention and the transfer, finds the chat in Active and opens it', async () => {
    // The chat is in his Active list (it was nowhere in his lists before).
    await bruno.getByTestId('tab-active').click();
    await bruno.getByTestId('conv-row').first().waitFor({ timeout: 5000 });
    await bruno.getByTestId('notif-count').waitFor({ timeout: 5000 });
    await bruno.getByTestId('notif-bell').click();
    await bruno.locator('[data-testid="notif-item"][data-type="mention"]').waitFor({ timeout: 5000 });
    const transferred = bruno.locator('[data-testid="notif-item"][data-type="transfer"]');
    await transferred.waitFor({ timeout: 5000 });
    await transferred.click();
    await expect.poll(() => bruno.getByTestId('conv-header').textContent()).toContain('with Bruno');
  });

  it('Bruno sees the history, the note mentioning him, the reason, and can reply', async () => {
    await bruno.getByTestId('message').filter({ hasText: NOTE }).waitFor();
    await expect.poll(() => bruno.getByTestId('message').filter({ hasText: NOTE }).getByTestId('mention').getAttribute('class')).toContain('mention--me');
    const event = bruno.getByTestId('message').filter({ hasText: /Transferred from Alice to Bruno/ });
    await event.waitFor();
    await expect.poll(() => event.textContent()).toMatch(/at \d{1,2}:\d{2}/);

    if (!(await bruno.getByTestId('side-panel').isVisible())) await bruno.getByTestId('details-toggle').click();
    const entry = bruno.getByTestId('transfer-entry').first();
    await entry.waitFor();
    await expect.poll(() => entry.textContent()).toContain('Alice → Bruno');
    await expect.poll(() => entry.textContent()).toContain(REASON);
    await shot(bruno, 'transfer-bruno');

    await bruno.getByTestId('composer').fill('Hi, Bruno here from billing. Refund is on its way.');
    await bruno.getByTestId('composer').press('Enter');
    await visitor.getByTestId('message').filter({ hasText: 'Bruno here from billing' }).waitFor();
  });

  it('Alice can no longer reply: she may only join again or leave a note', async () => {
    await alice.getByTestId('join-bar').waitFor();
    await expect.poll(() => alice.getByTestId('join-bar').textContent()).toContain('Bruno is handling this chat');
    await expect.poll(() => alice.locator('form.composer').getAttribute('data-mode')).toBe('note');
    expect(await alice.getByTestId('mode-reply').isDisabled()).toBe(true);
    await shot(alice, 'transfer-alice-after');
  });

  it('Alice joins again and leaves; the visitor sees both, the header shows who is in the chat', async () => {
    await alice.getByTestId('join-bar-join').click();
    await visitor.getByText('Alice joined the chat').nth(1).waitFor({ timeout: 5000 });
    await expect.poll(() => alice.getByTestId('participant').count()).toBe(2);
    await expect.poll(() => bruno.getByTestId('participant').count()).toBe(2);
    await expect.poll(() => alice.locator('form.composer').getAttribute('data-mode')).toBe('reply');
    await alice.getByTestId('composer').fill('Alice again, just confirming the refund.');
    await alice.getByTestId('composer').press('Enter');
    await visitor.getByTestId('message').filter({ hasText: 'Alice again' }).waitFor();
    // Bruno sees Alice's message with her name.
    await expect.poll(() => bruno.getByTestId('message').filter({ hasText: 'Alice again' }).getByTestId('sender-name').textContent()).toBe('Alice');
    await shot(bruno, 'multi-agent');

    await alice.getByTestId('leave-chat').click();
    await visitor.getByText('Alice left the chat').waitFor({ timeout: 5000 });
    await expect.poll(() => bruno.getByTestId('participant').count()).toBe(1);
  });

  it('after a reload the visitor still has no trace of the note', async () => {
    await visitor.reload();
    await visitor.getByTestId('launcher').click();
    await visitor.getByTestId('message').filter({ hasText: 'Bruno here from billing' }).waitFor();
    expect(await visitor.getByText(NOTE).count()).toBe(0);
    expect(await visitor.content()).not.toContain('refund approved by finance');
  });

  it('Bruno tags the chat, sets its priority, resolves, reopens and closes it', async () => {
    if (!(await bruno.getByTestId('side-panel').isVisible())) await bruno.getByTestId('details-toggle').click();
    const tagInput = bruno.getByTestId('tag-input');
    await tagInput.fill('Refund');
    await tagInput.press('Enter');
    await tagInput.fill('vip');
    await tagInput.press('Enter');
    await expect.poll(() => bruno.getByTestId('tag').allTextContents()).toEqual(['refund', 'vip']);
    await bruno.getByTestId('priority-select').selectOption('urgent');
    await expect.poll(() => bruno.getByTestId('priority-badge').textContent()).toBe('Urgent');
    // Stored on the server, not only on screen: a reload shows them.
    await bruno.reload();
    await expect.poll(() => bruno.getByTestId('tag').allTextContents()).toEqual(['refund', 'vip']);
    await expect.poll(() => bruno.getByTestId('priority-select').inputValue()).toBe('urgent');
    await shot(bruno, 'conversation-tags');

    await bruno.getByTestId('resolve-conversation').click();
    await expect.poll(() => bruno.getByTestId('conv-header').locator('[data-status]').getAttribute('data-status')).toBe('resolved');
    await bruno.getByTestId('reopen-bar').click();
    await expect.poll(() => bruno.getByTestId('conv-header').locator('[data-status]').getAttribute('data-status')).toBe('active');
    await bruno.getByTestId('composer').waitFor();
    await bruno.getByTestId('close-conversation').click();
    await expect.poll(() => bruno.getByTestId('conv-header').locator('[data-status]').getAttribute('data-status')).toBe('closed');
    await visitor.getByTestId('chat-ended').waitFor({ timeout: 5000 });
  });

  it("the visitor's next chat lists the earlier one under Previous chats, and known tags autocomplete", async () => {
    const firstChat = new URL(bruno.url()).pathname.split('/').pop()!;
    await visitor.getByTestId('new-chat').click();
    await visitor.getByTestId('composer').fill('One more question about shipping');
    await visitor.getByTestId('composer').press('Enter');
    await bruno.getByTestId('tab-waiting').click();
    await bruno.getByTestId('conv-row').filter({ hasText: 'One more question' }).click();
    await bruno.getByTestId('accept').click();
    if (!(await bruno.getByTestId('side-panel').isVisible())) await bruno.getByTestId('details-toggle').click();

    const previous = bruno.getByTestId('previous-chat');
    await expect.poll(() => previous.count()).toBe(1);
    await expect.poll(() => previous.textContent()).toContain('Closed');

    await bruno.getByTestId('tag-input').fill('re');
    await bruno.getByRole('option', { name: 'refund' }).waitFor();
    await bruno.getByTestId('tag-input').press('ArrowDown');
    await bruno.getByTestId('tag-input').press('Enter');
    await expect.poll(() => bruno.getByTestId('tag').allTextContents()).toEqual(['refund']);
    await shot(bruno, 'previous-chats');

    await previous.click();
    await expect.poll(() => new URL(bruno.url()).pathname.endsWith(firstChat)).toBe(true);
    await expect.poll(() => bruno.getByTestId('conv-header').locator('[data-status]').getAttribute('data-status')).toBe('closed');
  });
});
