import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, call, connectVisitor, createVisitor, login, type ClientSocket, type Session } from '../apps/server/src/test/clients';
import { buildAgent, buildSite } from '../apps/server/src/test/factories';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { agentUpload } from '../apps/server/src/modules/files/testing';
import { launchBrowser, shot, signIn } from './browser';
import { watch, type Watch } from './hostile';

/**
 * Script payloads in every field a visitor, a customer's page, an agent or an admin controls,
 * rendered in the widget (on a customer's page of another origin, which has no CSP of its
 * own) and in the dashboard, in Chromium: nothing runs (payloads set `window.__xss` or open a
 * dialog), nothing becomes an element (handler attributes, javascript: links, <img src=x>),
 * the dashboard's CSP refuses nothing (a refusal would mean markup got in), and each payload
 * is on screen as text, so the check is about the field and not about an empty page.
 */
const P = {
  img: `<img src=x onerror="window.__xss='img';alert('img')">`,
  svg: `"><svg onload="window.__xss='svg';alert('svg')">`,
  script: `<script>window.__xss='script';alert('script')</script>`,
  js: `javascript:window.__xss='js';alert('js')`,
};
/** Every payload in one text (≤ 500 characters: it fits a welcome text). */
const ALL = `Hi ${P.img} ${P.svg} ${P.script} <a href="${P.js}">link</a> <iframe src="${P.js}"></iframe> ${P.js} [md](${P.js}) {{constructor.constructor('window.__xss=1')()}} https://example.com/?q=<b>bold</b>`;
const TAG = `<img src=x onerror=alert(9)>`;
const FILE = `${P.img}.txt`;

/** JSON inside an inline <script> of the host page: `</script>` in a payload must not end it. */
const js = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('XSS payloads in every user-controlled field, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let host: http.Server;
  let hostUrl = '';
  let eve: Session;
  let eveCreds: { email: string; password: string };
  let visitorCtx: BrowserContext;
  let agentCtx: BrowserContext;
  let visitor: Page;
  let agent: Page;
  let visitorWatch: Watch;
  let agentWatch: Watch;
  let lurker: ClientSocket;

  /** The text is on screen, as text (getByText looks into the widget's shadow root too). */
  const shows = (page: Page, text: string) => page.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
  const clean = async (w: Watch, where: string) => expect(await w.problems(), where).toEqual([]);

  beforeAll(async () => {
    server = await startTestServer({ env: { ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'owner password' } });
    const owner = await login(server, { email: 'owner@example.com', password: 'owner password' });
    const as = { cookie: owner.cookie, csrf: owner.csrf };
    site = await buildSite(server.ctx, {
      name: `Shop ${P.script}`,
      domains: ['localhost'],
      settings: {
        title: P.img,
        welcomeText: ALL,
        greeting: { enabled: true, message: `Greeting ${ALL}` },
        offline: { enabled: false, message: '', autoReply: false },
        preChatForm: {
          enabled: true,
          intro: `Intro ${P.svg}`,
          fields: [
            { key: 'name', type: 'name', label: `Name ${P.img}`, labels: {}, required: true, options: [] },
            { key: 'email', type: 'email', label: 'Email', labels: {}, required: true, options: [] },
            { key: 'company', type: 'text', label: `Company ${P.svg}`, labels: {}, required: false, options: [] },
          ],
        },
      },
    });
    // The agent who answers: an admin (so one session sees every settings screen) with hostile names.
    eveCreds = await buildAgent(server.ctx, { role: 'admin', siteIds: [site.id], name: `Eve ${P.svg}`, pseudoName: P.img });
    eve = await login(server, eveCreds);
    for (const name of [`Sales ${P.img}`, `Support ${P.svg}`]) expect((await api(server, 'POST', '/api/departments', { ...as, body: { name, siteIds: [site.id] } })).status).toBe(201);
    expect((await api(server, 'POST', `/api/sites/${site.id}/triggers`, { ...as, body: { name: `Trigger ${P.img}`, conditions: [{ type: 'time_on_page', seconds: 1 }], message: `Prompt ${ALL}` } })).status).toBe(201);
    expect((await api(server, 'POST', '/api/canned-responses', { ...as, body: { title: `Hello ${P.img}`, shortcut: 'xss', category: P.svg.slice(0, 60), body: `Canned ${ALL}`, shared: true } })).status).toBe(201);

    // Another visitor, straight through the socket: what a page's SDK or a forged client can send.
    const v = await createVisitor(server, site.widgetKey, 'http://localhost:1');
    lurker = await connectVisitor(server, v, 'http://localhost:1');
    await call(lurker, 'visitor:page', { url: `https://shop.example/?q=${encodeURIComponent(P.img)}`, title: `Lurker page ${P.svg}`, referrer: P.js });
    await call(lurker, 'visitor:update', { name: `Lurker ${P.script}`, attributes: { [TAG]: ALL } });

    // The customer's page: a hostile <title>, and SDK calls with payloads in attributes, context and events.
    host = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${esc(`Page ${P.img}`)}</title>
<script data-host>window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};
Parley('setAttributes', ${js({ plan: `Plan ${P.svg}`, [TAG]: 'key' })});
Parley('setContext', ${js({ cart: { total: 42, currency: 'EUR', items: [{ name: `Boots ${P.img}`, quantity: 1 }] }, note: `Note ${P.script}` })});
Parley('trackEvent', ${js(`Event ${P.svg}`.slice(0, 100))}, ${js({ p: P.script })});</script>
</head><body><h1>Host shop</h1><script src="${server.url}/widget.js" data-site-key="${site.widgetKey}" async></script></body></html>`);
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;

    browser = await launchBrowser();
    visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 850 } });
    agentCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    visitorWatch = await watch(visitorCtx);
    agentWatch = await watch(agentCtx);
    visitor = await visitorCtx.newPage();
    agent = await agentCtx.newPage();
  });
  afterAll(async () => {
    lurker?.disconnect();
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await server?.close();
  });

  it('the watch itself sees an injection (so its silence below means something)', async () => {
    const ctx = await browser.newContext();
    const w = await watch(ctx);
    const page = await ctx.newPage();
    await page.setContent(`<p>${P.img}</p><a href="${P.js}">x</a>`);
    await expect.poll(async () => (await w.problems()).join('\n')).toMatch(/dialog alert: img[\s\S]*<img onerror>[\s\S]*javascript:[\s\S]*window.__xss = img/);
    await ctx.close();
  });

  it('the widget shows the site’s texts, the prompt, teams and form labels as text; the visitor’s own answers and message too', async () => {
    await visitor.goto(`${hostUrl}/shop`);
    await visitor.getByTestId('launcher').waitFor({ timeout: 15_000 });
    const prompt = visitor.getByTestId('trigger-prompt');
    await prompt.waitFor({ timeout: 15_000 });
    expect(await prompt.textContent()).toContain(P.script);
    await visitor.getByTestId('trigger-accept').click();
    await visitor.getByTestId('chat-window').waitFor();
    await visitor.getByTestId('prechat-form').waitFor();
    await shows(visitor, `Name ${P.img}`);
    await shows(visitor, `Intro ${P.svg}`);
    await shows(visitor, `Prompt Hi ${P.img}`);
    await visitor.getByTestId('field-prechat-name').fill(P.img);
    await visitor.getByTestId('field-prechat-email').fill('xss@example.com');
    await visitor.getByTestId('field-prechat-company').fill(`${P.svg}${P.script}`.slice(0, 100));
    await visitor.getByTestId('prechat-submit').click();
    await visitor.getByTestId('composer').waitFor();
    // Two teams: the picker comes with the composer.
    const teams = visitor.getByTestId('department-picker').getByTestId('department');
    await expect.poll(() => teams.allTextContents()).toEqual([`Sales ${P.img}`, `Support ${P.svg}`]);
    await teams.first().click();
    await visitor.getByTestId('composer').fill(ALL);
    await visitor.getByTestId('composer').press('Enter');
    await visitor.getByTestId('message').filter({ hasText: P.script }).getByTestId('receipt').first().waitFor();
    await shows(visitor, P.img); // the team title
    await shot(visitor, 'xss-widget');
    await clean(visitorWatch, 'widget');
  });

  it('the dashboard shows the visitor, their page, attributes, context, events and message as text; Eve answers with a note, a tag, a canned response and a file', async () => {
    await signIn(agent, server.url, eveCreds);
    const row = agent.getByTestId('conv-row').filter({ hasText: P.img });
    await row.first().waitFor({ timeout: 15_000 });
    await row.first().click();
    await agent.getByTestId('message').filter({ hasText: P.script }).first().waitFor();
    if (!(await agent.getByTestId('side-panel').isVisible())) await agent.getByTestId('details-toggle').click();
    const panel = agent.getByTestId('side-panel');
    for (const text of [`Page ${P.img}`, `Plan ${P.svg}`, `Boots ${P.img}`, TAG]) await panel.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
    await clean(agentWatch, 'conversation and side panel');

    await agent.getByTestId('accept').click();
    const composer = agent.getByTestId('composer');
    await composer.fill(`Reply ${ALL}`);
    await composer.press('Enter');
    await agent.getByTestId('message').filter({ hasText: `Reply Hi ${P.img}` }).waitFor();
    await agent.getByTestId('mode-note').click();
    await composer.fill(`Note ${ALL}`);
    await composer.press('Enter');
    await agent.getByTestId('message').filter({ hasText: `Note Hi ${P.img}` }).waitFor();
    await agent.getByTestId('mode-reply').click();
    // The picker shows the canned response's title and body as text; its text is sent as is.
    await composer.pressSequentially('/xss', { delay: 20 });
    const picker = agent.getByTestId('canned-picker');
    await picker.getByText(`Hello ${P.img}`).waitFor();
    await picker.getByText(`Canned Hi ${P.img}`, { exact: false }).waitFor();
    await composer.fill(`Canned ${ALL}`);
    await composer.press('Enter');
    await agent.getByTestId('message').filter({ hasText: `Canned Hi ${P.img}` }).waitFor();
    await agent.getByTestId('tag-input').fill(TAG);
    await agent.getByTestId('tag-input').press('Enter');
    await agent.getByTestId('tag').filter({ hasText: TAG }).waitFor();
    const conversationId = new URL(agent.url()).pathname.split('/').pop()!;
    const up = await agentUpload(server, eve, conversationId, { name: FILE, bytes: Buffer.from('hello') });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const storedName = up.body.message.attachments[0].name as string;
    expect(storedName).toContain('<img src=x onerror=');
    await agent.getByTestId('message').filter({ hasText: storedName }).waitFor();
    await shot(agent, 'xss-dashboard');
    await clean(agentWatch, 'replies, note, canned, tag, file');
  });

  it('the visitor sees Eve’s hostile name, reply, canned text and file name as text', async () => {
    await visitor.getByTestId('message').filter({ hasText: `Reply Hi ${P.img}` }).waitFor({ timeout: 10_000 });
    await visitor.getByTestId('message').filter({ hasText: `Canned Hi ${P.img}` }).waitFor();
    await visitor.getByTestId('message').filter({ hasText: '.txt' }).waitFor();
    expect(await visitor.getByTestId('message').filter({ hasText: `Note Hi ${P.img}` }).count()).toBe(0);
    await shows(visitor, P.img);
    await clean(visitorWatch, 'widget after the replies');
  });

  it('the lists and settings screens show the same fields as text', async () => {
    const nav = (id: string) => agent.getByTestId(id).first().click();
    await nav('nav-visitors');
    await agent.getByTestId('live-visitor').filter({ hasText: `Lurker ${P.script}` }).waitFor({ timeout: 10_000 });
    await shows(agent, `Lurker page ${P.svg}`);
    await agent.getByTestId('search-input').fill('Canned');
    await agent.getByTestId('search-result').first().waitFor();
    await agent.keyboard.press('Escape');
    await nav('nav-settings');
    await agent.getByTestId('settings-agents').click();
    await shows(agent, `Eve ${P.svg}`);
    await agent.getByTestId('settings-departments').click();
    await shows(agent, `Sales ${P.img}`);
    await agent.getByTestId('settings-canned').click();
    await shows(agent, `Hello ${P.img}`);
    await agent.getByTestId('settings-sites').click();
    await shows(agent, `Shop ${P.script}`);
    await agent.getByTestId('site-row').filter({ hasText: P.script }).click();
    await agent.getByTestId('site-tab-triggers').click();
    await agent.getByTestId('trigger-row').filter({ hasText: `Trigger ${P.img}` }).waitFor();
    await agent.getByTestId('site-tab-appearance').click();
    await agent.frameLocator('[data-testid=preview-frame]').getByTestId('launcher').waitFor({ timeout: 10_000 });
    await clean(agentWatch, 'visitors, search and settings');
    await clean(visitorWatch, 'widget at the end');
  });
});
