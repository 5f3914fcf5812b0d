import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { ConversationDto, CreateSiteBody, VisitorDetailDto } from '@parley/protocol';
import { api, connectAgent, login, type ClientSocket, type Session } from '../apps/server/src/test/clients';
import { buildAgent, buildSite, buildWorkspace } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { startSmtpSink, type SmtpSink } from '../apps/server/src/test/smtp';
import { launchBrowser, shot, startHostSite } from './browser';

/**
 * The visitor's experience of the widget, in Chromium on a customer's page (another origin):
 * the site's look (colour, corner, icon, team, dark mode), Spanish and Arabic (right to left),
 * the pre-chat form, the offline form with its mails, the lazily loaded emoji picker, the
 * rating after a chat and the transcript by mail.
 */
describe('widget experience', () => {
  let server: TestServer;
  let smtp: SmtpSink;
  let browser: Browser;
  let avatarServer: http.Server;
  let avatarUrl: string;
  let alice: Awaited<ReturnType<typeof buildAgent>>;
  /** Alice is an admin (she serves every site of her workspace) and online. */
  let admin: Session;
  let aliceSocket: ClientSocket;
  const hosts: { close(): Promise<void> }[] = [];
  const contexts: BrowserContext[] = [];

  /**
   * A site served to visitors by its own host page. Alice answers it; an `offline` site lives in
   * another workspace whose only agent, Oscar, is offline.
   */
  async function site(settings: CreateSiteBody['settings'], opts: { offline?: boolean } = {}) {
    const workspaceId = opts.offline ? (await buildWorkspace(server.ctx)).id : undefined;
    const s = await buildSite(server.ctx, { name: 'Shop', domains: ['localhost'], settings, workspaceId });
    const agent = opts.offline ? await buildAgent(server.ctx, { workspaceId, siteIds: [s.id], pseudoName: 'Oscar', name: 'Oscar Offline' }) : alice;
    const host = await startHostSite(() => `<script src="${server.url}/widget.js" data-site-key="${s.widgetKey}" async></script>`);
    hosts.push(host);
    return { ...s, url: host.url, agent };
  }

  /** A visitor's own browser profile on the host page; the chat window opened. */
  async function visit(url: string, options: BrowserContextOptions = {}, open = true) {
    // Reduced motion: the widget skips its animations, so screenshots are never caught mid-way.
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 }, timezoneId: 'UTC', reducedMotion: 'reduce', ...options });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(url);
    if (open) {
      await page.getByTestId('launcher').click();
      await page.getByTestId('chat-window').waitFor();
    }
    return page;
  }

  /** The widget's shadow root styles, read in the page. */
  const style = (page: Page, testId: string, prop: string) =>
    page.getByTestId(testId).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);

  const visitorId = (page: Page, siteKey: string) => page.evaluate((k) => (JSON.parse(localStorage.getItem(`parley:${k}`) ?? 'null') as { visitorId?: string } | null)?.visitorId ?? null, siteKey);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'Parley <chat@parley.test>' } });
    alice = await buildAgent(server.ctx, { role: 'admin', name: 'Alice Agent', pseudoName: 'Alice' });
    admin = await login(server, alice);
    aliceSocket = await connectAgent(server, admin);
    const online = await api(server, 'PUT', '/api/me/status', { cookie: admin.cookie, csrf: admin.csrf, body: { status: 'online' } });
    expect(online.status, JSON.stringify(online.body)).toBe(200);
    avatarServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#7c3aed"/><circle cx="20" cy="16" r="7" fill="#fff"/><rect x="9" y="26" width="22" height="14" rx="7" fill="#fff"/></svg>');
    });
    await new Promise<void>((r) => avatarServer.listen(0, '127.0.0.1', r));
    avatarUrl = `http://127.0.0.1:${(avatarServer.address() as AddressInfo).port}/team.svg`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    for (const h of hosts) await h.close();
    aliceSocket?.disconnect();
    await new Promise((r) => avatarServer?.close(r));
    await server?.close();
    await smtp?.close();
  });

  it("applies the site's look: colour, left corner, launcher icon, team name and avatar, dark mode", async () => {
    const look = await site({
      color: '#f59e0b',
      position: 'left',
      launcherIcon: 'headset',
      title: 'Acme Help',
      avatarUrl,
      darkMode: 'dark',
      welcomeText: 'We usually answer within a few minutes.',
      greeting: { enabled: true, message: 'Hi there 👋 How can we help?' },
    });
    const page = await visit(look.url, {}, false);
    const launcher = page.getByTestId('launcher');
    // The app replaced the loader's neutral bubble: the site's colour, its icon, on the left.
    await expect.poll(() => launcher.getAttribute('data-icon')).toBe('headset');
    expect(await style(page, 'launcher', 'background-color')).toBe('rgb(245, 158, 11)');
    // Amber is light: the icon is dark to stay readable.
    expect(await style(page, 'launcher', 'color')).toBe('rgb(17, 24, 39)');
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(100);
    await shot(page, 'experience-launcher-left');

    await launcher.click();
    const win = page.getByTestId('chat-window');
    await win.waitFor();
    expect((await win.boundingBox())!.x).toBeLessThan(100);
    expect(await page.getByTestId('team-name').textContent()).toBe('Acme Help');
    expect(await page.locator('#parley-widget .hd img').getAttribute('src')).toBe(avatarUrl);
    // Dark mode: a dark window, light text.
    expect(await style(page, 'chat-window', 'background-color')).toBe('rgb(28, 32, 38)');
    expect(await style(page, 'chat-window', 'color')).toBe('rgb(230, 232, 235)');
    expect(await page.getByTestId('welcome').textContent()).toBe('We usually answer within a few minutes.');
    // The greeting is the team's first message, with its name, before any chat exists.
    const greeting = page.getByTestId('greeting');
    expect(await greeting.textContent()).toContain('Hi there 👋 How can we help?');
    expect(await greeting.textContent()).toContain('Acme Help');
    expect(await page.getByTestId('team-status').textContent()).toBe('We’re online');
    await page.getByTestId('composer').fill('Do you ship to Canada?');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('message').filter({ hasText: 'Do you ship to Canada?' }).locator('[data-testid=receipt][data-state=sent]').waitFor();
    await shot(page, 'experience-dark');
  });

  it("follows the visitor's system theme when the site says auto", async () => {
    const auto = await site({ color: '#2563eb', darkMode: 'auto', title: 'Auto Co' });
    const dark = await visit(auto.url, { colorScheme: 'dark' });
    expect(await style(dark, 'chat-window', 'background-color')).toBe('rgb(28, 32, 38)');
    const light = await visit(auto.url, { colorScheme: 'light' });
    expect(await style(light, 'chat-window', 'background-color')).toBe('rgb(255, 255, 255)');
    // Blue is dark: white text on it.
    expect(await style(light, 'launcher', 'color')).toBe('rgb(255, 255, 255)');
    await shot(light, 'experience-light');
  });

  it('speaks Spanish (site setting) and Portuguese (browser language), and lays Arabic out right to left', async () => {
    const es = await site({ language: 'es', title: 'Tienda' });
    const page = await visit(es.url, {}, false);
    await expect.poll(() => page.getByTestId('launcher').getAttribute('aria-label')).toBe('Abrir chat');
    await page.getByTestId('launcher').click();
    await page.getByTestId('composer').waitFor();
    expect(await page.getByTestId('composer').getAttribute('placeholder')).toBe('Escribe un mensaje…');
    expect(await page.getByTestId('team-status').textContent()).toBe('Estamos en línea');
    expect(await page.getByTestId('send').getAttribute('aria-label')).toBe('Enviar mensaje');
    await shot(page, 'experience-spanish');

    const auto = await site({ language: 'auto', title: 'Loja' });
    const pt = await visit(auto.url, { locale: 'pt-BR' });
    expect(await pt.getByTestId('composer').getAttribute('placeholder')).toBe('Escreva uma mensagem…');

    const ar = await site({ language: 'ar', title: 'متجر', color: '#0f766e', greeting: { enabled: true, message: 'مرحبًا! كيف يمكننا مساعدتك؟' } });
    const rtl = await visit(ar.url);
    expect(await rtl.locator('#parley-widget .pw').getAttribute('dir')).toBe('rtl');
    expect(await rtl.getByTestId('composer').getAttribute('placeholder')).toBe('اكتب رسالة…');
    await rtl.getByTestId('composer').fill('مرحبا، لدي سؤال');
    await rtl.getByTestId('composer').press('Enter');
    const mine = rtl.getByTestId('message').filter({ hasText: 'مرحبا، لدي سؤال' }).locator('.bb');
    await mine.waitFor();
    // Mirrored: the visitor's bubble sits on the left, the close button on the left of the header.
    const list = (await rtl.getByTestId('message-list').boundingBox())!;
    const bubble = (await mine.boundingBox())!;
    expect(bubble.x + bubble.width / 2).toBeLessThan(list.x + list.width / 2);
    const close = (await rtl.getByTestId('close-window').boundingBox())!;
    const title = (await rtl.getByTestId('team-name').boundingBox())!;
    expect(close.x).toBeLessThan(title.x);
    await shot(rtl, 'experience-rtl');
  });

  it('asks the pre-chat form before the first message: required and format errors, then the answers land on the visitor', async () => {
    const form = await site({
      title: 'Bikes',
      language: 'auto',
      greeting: { enabled: true, message: 'Hello! Tell us who you are and we will be right with you.' },
      preChatForm: {
        enabled: true,
        intro: 'Before we start:',
        fields: [
          { key: 'name', type: 'name', label: 'Your name', labels: { es: 'Tu nombre' }, required: true, options: [] },
          { key: 'email', type: 'email', label: 'Email', labels: {}, required: true, options: [] },
          { key: 'phone', type: 'phone', label: 'Phone', labels: {}, required: false, options: [] },
          {
            key: 'topic',
            type: 'select',
            label: 'Topic',
            labels: { es: 'Tema' },
            required: true,
            options: [
              { value: 'sales', label: 'Buying a bike', labels: { es: 'Comprar una bici' } },
              { value: 'repair', label: 'Repairs', labels: {} },
            ],
          },
          { key: 'order_notes', type: 'textarea', label: 'Anything else?', labels: {}, required: false, options: [] },
        ],
      },
    });
    const page = await visit(form.url);
    const card = page.getByTestId('prechat-form');
    await card.waitFor();
    // The greeting stays visible above the form; no composer until the form is sent.
    const greeting = (await page.getByTestId('greeting').boundingBox())!;
    expect(greeting.y).toBeLessThan((await card.boundingBox())!.y);
    expect(await page.getByTestId('composer').count()).toBe(0);
    expect(await card.textContent()).toContain('optional');
    await shot(page, 'experience-prechat');

    await page.getByTestId('prechat-submit').click();
    expect(await page.getByTestId('error-prechat-name').textContent()).toBe('Please fill in this field');
    expect(await page.getByTestId('error-prechat-topic').textContent()).toBe('Please choose an option');
    // The first invalid field takes the focus.
    expect(await page.getByTestId('field-prechat-name').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.getByTestId('field-prechat-name').fill('Ana Lima');
    await page.getByTestId('field-prechat-email').fill('ana@example');
    await page.getByTestId('field-prechat-phone').fill('12');
    await page.getByTestId('field-prechat-topic').selectOption('repair');
    await page.getByTestId('prechat-submit').click();
    expect(await page.getByTestId('error-prechat-email').textContent()).toContain('valid email address');
    expect(await page.getByTestId('error-prechat-phone').textContent()).toContain('valid phone number');
    expect(await page.getByTestId('error-prechat-name').count()).toBe(0);
    await shot(page, 'experience-prechat-errors');

    await page.getByTestId('field-prechat-email').fill('ana@example.com');
    await page.getByTestId('field-prechat-phone').fill('+33 6 12 34 56 78');
    await page.getByTestId('field-prechat-order_notes').fill('Flat tyre twice this week');
    await page.getByTestId('prechat-submit').click();
    await page.getByTestId('composer').waitFor();
    expect(await page.getByTestId('prechat-form').count()).toBe(0);

    // Sending the form was an interaction: the visitor is kept on the device, with the answers on the record.
    const id = await visitorId(page, form.widgetKey);
    expect(id).toBeTruthy();
    const r = await api(server, 'GET', `/api/visitors/${id}`, { cookie: admin.cookie });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v = r.body as VisitorDetailDto;
    expect(v.name).toBe('Ana Lima');
    expect(v.email).toBe('ana@example.com');
    expect(v.phone).toBe('+33 6 12 34 56 78');
    expect(v.attributes).toMatchObject({ topic: 'repair', order_notes: 'Flat tyre twice this week' });

    // A reload keeps the form answered.
    await page.reload();
    await page.getByTestId('launcher').click();
    await page.getByTestId('composer').waitFor();
    expect(await page.getByTestId('prechat-form').count()).toBe(0);

    // In Spanish, the site's own translations of the labels and options.
    const es = await visit(form.url, { locale: 'es-ES' });
    await es.getByTestId('prechat-form').waitFor();
    expect(await es.locator('label[for="pw-prechat-name"] > span').textContent()).toContain('Tu nombre');
    expect(await es.getByTestId('field-prechat-topic').textContent()).toContain('Comprar una bici');
    expect(await es.getByTestId('prechat-submit').textContent()).toBe('Iniciar chat');
    await shot(es, 'experience-prechat-es');
  });

  it('when nobody can answer, takes a message instead: in the inbox, mailed to the team and back to the visitor', async () => {
    const away = await site({ title: 'Night shop', offline: { enabled: true, message: 'We are away right now.', autoReply: true } }, { offline: true });
    const page = await visit(away.url);
    const form = page.getByTestId('offline-form');
    await form.waitFor();
    expect(await page.getByTestId('offline-when').textContent()).toBe('We’ll reply as soon as possible.');
    expect(await page.getByTestId('team-status').textContent()).toBe('We’ll reply as soon as we can');
    await shot(page, 'experience-offline');

    await page.getByTestId('offline-submit').click();
    expect(await page.getByTestId('error-offline-email').textContent()).toBe('Please fill in this field');
    await page.getByTestId('field-offline-name').fill('Bo Berg');
    await page.getByTestId('field-offline-email').fill('bo@example.com');
    await page.getByTestId('field-offline-message').fill('Can I return a bike bought last month?');
    // The network fails once: the visitor keeps the text and tries again.
    await page.route('**/api/widget/offline-messages', (route) => route.abort());
    await page.getByTestId('offline-submit').click();
    expect(await page.getByTestId('offline-error').textContent()).toContain('check your connection');
    expect(await page.getByTestId('field-offline-message').inputValue()).toBe('Can I return a bike bought last month?');
    await page.unroute('**/api/widget/offline-messages');
    await page.getByTestId('offline-submit').click();
    await page.getByTestId('offline-sent').waitFor();
    expect(await page.getByTestId('offline-sent').textContent()).toContain('bo@example.com');
    await shot(page, 'experience-offline-sent');

    // A conversation agents see when they come back.
    const id = await visitorId(page, away.widgetKey);
    expect(id).toBeTruthy();
    const oscar = await login(server, away.agent);
    const listed = await api(server, 'GET', `/api/conversations?visitorId=${id}`, { cookie: oscar.cookie });
    const conversations = listed.body.conversations as ConversationDto[];
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({ channel: 'email', status: 'queued' });
    expect(conversations[0].lastMessagePreview).toContain('Can I return a bike');
    // The agent of the site and the visitor (auto-reply) get a mail.
    await smtp.waitFor((m) => m.rcptTo.includes(away.agent.email) && m.text.includes('Can I return a bike'), 'the mail to the agent', 10_000);
    await smtp.waitFor((m) => m.rcptTo.includes('bo@example.com'), 'the auto-reply to the visitor', 10_000);

    // Outside business hours, the form says when the team is back (tomorrow 09:00, UTC).
    const today = new Date().toISOString().slice(0, 10);
    const nine = [{ from: '09:00', to: '17:00' }];
    const closed = await site({ darkMode: 'dark', color: '#7c3aed', businessHours: { enabled: true, timezone: 'UTC', weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: nine, sun: nine }, holidays: [{ date: today, name: 'Today' }] } });
    const later = await visit(closed.url);
    expect(await later.getByTestId('offline-when').textContent()).toBe('We’ll be back tomorrow at 09:00 AM.');
    await shot(later, 'experience-offline-closed-dark');
    const de = await visit(closed.url, { locale: 'de-DE' });
    expect(await de.getByTestId('offline-when').textContent()).toBe('Wir sind morgen um 09:00 wieder da.');
  });

  it('loads the emoji picker only when asked, and inserts at the caret (mouse and keyboard)', async () => {
    const shop = await site({ title: 'Emoji shop' });
    const page = await visit(shop.url);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.getByTestId('composer').fill('Thanks !');
    await page.waitForTimeout(300);
    expect(requested.filter((u) => /\/widget\/emoji-/.test(u))).toEqual([]);

    // The caret between "Thanks " and "!".
    await page.getByTestId('composer').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 7));
    await page.getByTestId('emoji-button').click();
    await page.getByTestId('emoji-picker').waitFor();
    expect(requested.filter((u) => /\/widget\/emoji-/.test(u))).toHaveLength(1);
    await shot(page, 'experience-emoji');
    await page.getByTestId('emoji-search').fill('thumbs up');
    await page.getByTestId('emoji').first().click();
    expect(await page.getByTestId('composer').inputValue()).toBe('Thanks 👍!');
    expect(await page.getByTestId('emoji-picker').count()).toBe(0);

    // Keyboard: search, arrow into the results, Enter; Escape closes without closing the chat.
    await page.getByTestId('emoji-button').click();
    await page.getByTestId('emoji-search').fill('heart');
    await page.getByTestId('emoji-search').press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('composer').inputValue()).toMatch(/^Thanks 👍.+!$/u);
    await page.getByTestId('emoji-button').click();
    await page.getByTestId('emoji-search').press('Escape');
    expect(await page.getByTestId('emoji-picker').count()).toBe(0);
    expect(await page.getByTestId('chat-window').count()).toBe(1);
  });

  it('asks for a rating when the agent closes the chat, once; mails the transcript on request', async () => {
    const shop = await site({ title: 'Rated shop' });
    const page = await visit(shop.url);
    await page.getByTestId('composer').fill('My order #123 has not arrived');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('message').filter({ hasText: 'My order #123' }).locator('[data-testid=receipt][data-state=sent]').waitFor();
    const id = await visitorId(page, shop.widgetKey);
    const listed = await api(server, 'GET', `/api/conversations?visitorId=${id}`, { cookie: admin.cookie });
    const conversation = (listed.body.conversations as ConversationDto[])[0];
    const accept = await api(server, 'POST', `/api/conversations/${conversation.id}/accept`, { cookie: admin.cookie, csrf: admin.csrf, body: {} });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    await new Promise((resolve) => aliceSocket.emit('message', { conversationId: conversation.id, clientId: 'csat-reply-1', body: 'It ships tomorrow, sorry for the wait!' }, resolve));
    await page.getByTestId('message').filter({ hasText: 'It ships tomorrow' }).waitFor();
    const close = await api(server, 'POST', `/api/conversations/${conversation.id}/close`, { cookie: admin.cookie, csrf: admin.csrf, body: {} });
    expect(close.status, JSON.stringify(close.body)).toBe(200);

    const csat = page.getByTestId('csat');
    await csat.waitFor();
    expect(await page.getByTestId('csat-submit').isDisabled()).toBe(true);
    await page.getByTestId('csat-score').nth(3).check({ force: true });
    await page.getByTestId('csat-comment').fill('Quick and friendly');
    await shot(page, 'experience-csat');
    await page.getByTestId('csat-submit').click();
    await page.getByTestId('csat-thanks').waitFor();
    await shot(page, 'experience-csat-thanks');
    const rated = await api(server, 'GET', `/api/conversations/${conversation.id}`, { cookie: admin.cookie });
    expect((rated.body.conversation as ConversationDto).rating).toMatchObject({ score: 4, comment: 'Quick and friendly' });

    // Once rated, never asked again.
    await page.reload();
    await page.getByTestId('launcher').click();
    await page.getByTestId('chat-ended').waitFor();
    expect(await page.getByTestId('csat').count()).toBe(0);

    // The transcript: the visitor has no email yet, so the widget asks for one.
    await page.getByTestId('menu').click();
    await page.getByTestId('transcript').click();
    await page.getByTestId('field-transcript-email').fill('not-an-email');
    await page.getByTestId('transcript-send').click();
    expect(await page.getByTestId('error-transcript-email').textContent()).toContain('valid email address');
    await page.getByTestId('field-transcript-email').fill('cleo@example.com');
    await shot(page, 'experience-transcript');
    await page.getByTestId('transcript-send').click();
    await expect.poll(() => page.getByTestId('transcript-notice').textContent()).toBe('Transcript sent to cleo@example.com');
    const mail = await smtp.waitFor((m) => m.rcptTo.includes('cleo@example.com'), 'the transcript', 10_000);
    expect(mail.text).toContain('My order #123 has not arrived');
    expect(mail.text).toContain('It ships tomorrow, sorry for the wait!');
  });
});
