import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { WidgetSettings } from '@parley/protocol';
import { startTestServer, type TestServer } from '../apps/server/src/test/server';
import { launchBrowser, shot } from './browser';

/**
 * The dashboard's live preview of a site's widget (`/widget/preview.html`, driven by the
 * settings page through postMessage from the same origin), in Chromium.
 */
describe('widget preview for the settings page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders the dashboard's live preview from postMessage, on every screen, without touching the network", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 800 }, reducedMotion: 'reduce' })).newPage();
    // The settings page's side: a same-origin page holding the preview in an iframe.
    await page.goto(`${server.url}/widget/preview.html`);
    const network: string[] = [];
    page.on('request', (r) => network.push(r.url()));
    await page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          document.body.innerHTML = '';
          addEventListener('message', (e) => e.data?.type === 'parley:preview-ready' && resolve());
          const frame = document.createElement('iframe');
          frame.id = 'preview';
          frame.src = src;
          frame.style.cssText = 'width:440px;height:760px;border:1px solid #ccc';
          document.body.appendChild(frame);
        }),
      `${server.url}/widget/preview.html`,
    );
    const frame = page.frameLocator('#preview');
    const send = (settings: object, view: string) =>
      page.evaluate(([s, v]) => (document.getElementById('preview') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'parley:preview', settings: s, view: v }, location.origin), [settings, view] as const);

    const settings = WidgetSettings.parse({
      color: '#db2777',
      title: 'Preview Co',
      welcomeText: 'Ask us anything.',
      launcherIcon: 'message',
      greeting: { enabled: true, message: 'Hello from the preview!' },
      preChatForm: { enabled: false },
      businessHours: { enabled: true, timezone: 'UTC', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ from: '09:00', to: '10:00' }] }, holidays: [] },
    });
    await send(settings, 'launcher');
    await expect.poll(() => frame.getByTestId('launcher').getAttribute('data-icon')).toBe('message');
    expect(await frame.getByTestId('chat-window').count()).toBe(0);

    await send(settings, 'chat');
    await frame.getByTestId('greeting').waitFor();
    expect(await frame.getByTestId('team-name').textContent()).toBe('Preview Co');
    expect(await frame.getByTestId('welcome').textContent()).toBe('Ask us anything.');
    await shot(page, 'experience-preview-chat');

    // The pre-chat form shows even while it is turned off, to be designed.
    await send(settings, 'prechat');
    await frame.getByTestId('prechat-form').waitFor();
    await send({ ...settings, darkMode: 'dark', language: 'fr' }, 'offline');
    await frame.getByTestId('offline-form').waitFor();
    expect(await frame.getByTestId('offline-when').textContent()).toMatch(/^De retour .+ à 09:00\.$/);
    await shot(page, 'experience-preview-offline');

    // A message of another kind changes nothing (given time to be handled); nothing went to the server.
    await page.evaluate(() =>
      (document.getElementById('preview') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'other', settings: { title: 'Intruder' }, view: 'chat' }, location.origin),
    );
    await page.waitForTimeout(300);
    expect(await frame.getByTestId('team-name').textContent()).not.toBe('Intruder');
    expect(await frame.getByTestId('offline-form').isVisible()).toBe(true);
    expect(await frame.getByTestId('composer').count()).toBe(0);
    expect(network.filter((u) => u.includes('/api/') || u.includes('/socket.io'))).toEqual([]);
  });
});
