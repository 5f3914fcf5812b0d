import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Ctx } from '../context';
import { demoSite } from '../modules/setup/service';
import { snippetFor } from '../modules/sites/presenter';
import { cspDirectives, cspHeader } from './csp';
import { demoPage } from './demo-page';

const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DASHBOARD_DIST = path.join(appsDir, 'dashboard/dist');
export const WIDGET_DIST = path.join(appsDir, 'widget/dist');

/** Serves the dashboard SPA at `/`, the widget at `/widget.js` + `/widget/*`, and `/demo`. */
export async function staticRoutes(app: FastifyInstance, ctx: Ctx) {
  const haveDashboard = fs.existsSync(path.join(DASHBOARD_DIST, 'index.html'));
  const haveWidget = fs.existsSync(path.join(WIDGET_DIST, 'widget.js'));
  const embedPolicy = cspDirectives(() => ctx.config.publicUrl, 'embed');
  if (!haveDashboard || !haveWidget) app.log.warn('dashboard or widget build missing: run `npm run build` (npm start does it for you)');

  // Set before the static plugins so their contexts inherit it (a missing /widget/x.js gets
  // this JSON 404 too, not Fastify's default body). Client-side routes (/settings, /c/:id,
  // ...) all get the SPA shell.
  app.setNotFoundHandler((req, reply) => {
    if (haveDashboard && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/socket.io') && !req.url.startsWith('/widget/')) return reply.sendFile('index.html');
    return reply.code(404).send({ error: { code: 'not_found', message: `No route for ${req.method} ${req.url.split('?')[0]}` } });
  });

  if (haveWidget) {
    await app.register(fastifyStatic, {
      root: path.join(WIDGET_DIST, 'widget'),
      prefix: '/widget/',
      decorateReply: false,
      // dist holds .br/.gz copies (scripts/precompress.mjs): sent to browsers that accept them.
      preCompressed: true,
      // Module scripts load cross-origin from host pages, so they need CORS.
      setHeaders: (res) => {
        // The preview page hosts the widget: the embed policy (inline styles allowed).
        res.setHeader('content-security-policy', cspHeader(embedPolicy));
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('cache-control', 'public, max-age=300');
      },
    });
    const loader = loaderVariants(path.join(WIDGET_DIST, 'widget.js'));
    app.get('/widget.js', async (req, reply) => {
      const [encoding, body] = pickEncoding(loader, req.headers['accept-encoding']);
      if (encoding) reply.header('content-encoding', encoding);
      return reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('vary', 'Accept-Encoding')
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .send(body);
    });
  }

  app.get('/demo', async (_req, reply) => {
    if (!ctx.config.demoPage) return reply.code(404).type('text/plain').send('The demo page is turned off (DEMO_PAGE=false).');
    const site = await demoSite(ctx.db);
    if (!site) return reply.code(404).type('text/plain').send('The demo site was removed.');
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', cspHeader(embedPolicy))
      .send(demoPage(snippetFor(ctx.config.publicUrl, site.widgetKey), ctx.config.publicUrl));
  });

  if (haveDashboard) {
    await app.register(fastifyStatic, { root: DASHBOARD_DIST, prefix: '/', wildcard: true, index: ['index.html'], preCompressed: true });
  }
}

type Variants = { br?: Buffer; gzip?: Buffer; identity: Buffer };

/** The loader and its pre-compressed copies, read once. */
function loaderVariants(file: string): Variants {
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : undefined);
  return { identity: fs.readFileSync(file), br: read(`${file}.br`), gzip: read(`${file}.gz`) };
}

/** Brotli, else gzip, when the client accepts it and a copy exists. */
export function pickEncoding(v: Variants, accept: string | undefined): ['br' | 'gzip' | undefined, Buffer] {
  const accepted = new Set((accept ?? '').split(',').map((p) => p.split(';')[0]!.trim().toLowerCase()));
  if (v.br && accepted.has('br')) return ['br', v.br];
  if (v.gzip && accepted.has('gzip')) return ['gzip', v.gzip];
  return [undefined, v.identity];
}
