import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { AgentUploadFields, FileIdParams, Id, SiteKey, WidgetSettings, WidgetUploadFields, type FileSettings } from '@parley/protocol';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { AppError, forbidden, notFound } from '../../errors';
import { requireAgent, requireAgentOrApi } from '../../http/auth';
import { parse } from '../../validate';
import type { Actor } from '../auth/actors';
import { canReadConversation, canReadSettings } from '../auth/policy';
import { readableConversation } from '../conversations/access';
import type { MessageRow } from '../messages/presenter';
import { findMessageByClientId, findVisitorMessageByClientId } from '../messages/queries';
import { sendMessage } from '../messages/service';
import { findSite } from '../sites/queries';
import { authenticateVisitor } from '../visitors/service';
import { siteForRequest } from '../widget/routes';
import { serveFile } from './download';
import { fileLink } from './links';
import type { FileRow } from './presenter';
import { findFileInWorkspace, listConversationFiles } from './queries';
import { filesReport } from './report';
import { checkQuota, checkUploadRate, commitUpload, maxBytesOf, storeUpload, visitorUploadConversation, type UploadTarget } from './service';
import { declaredLength, discard, MULTIPART_SLACK, receiveUpload } from './upload';

const VisitorHeaders = z.object({ 'x-parley-site': SiteKey, 'x-parley-visitor': Id, authorization: z.string().regex(/^Bearer\s+\S+$/i) });

/** The widget's visitor, from its headers, on a page of the site's domains (CORS answered for it). */
async function visitorOf(ctx: Ctx, req: FastifyRequest, reply: FastifyReply) {
  const siteKey = req.headers['x-parley-site'];
  const site = await siteForRequest(ctx, req, reply, parse(SiteKey, siteKey));
  const h = VisitorHeaders.safeParse(req.headers);
  const found = h.success ? await authenticateVisitor(ctx.db, { siteKey: site.widgetKey, visitorId: h.data['x-parley-visitor'], token: h.data.authorization.replace(/^Bearer\s+/i, '') }) : undefined;
  if (!found || found.site.id !== site.id) throw new AppError('unauthenticated', 'Unknown visitor; reload the page');
  return { actor: found.actor, site };
}

/** Early quota check from the declared length (the exact one runs in the transaction). */
const quotaBefore = (ctx: Ctx, req: FastifyRequest, siteId: string, settings: FileSettings) => checkQuota(ctx.db, siteId, settings, Math.max(1, (declaredLength(req) ?? 0) - MULTIPART_SLACK));

/**
 * A retried upload whose message is stored (its answer was lost): the new bytes are dropped
 * unread and the one message path answers with the stored message (and re-announces it, as
 * for any retried send). It never creates one: that is what `onAppend` guards.
 */
async function answerRetry(ctx: Ctx, actor: Actor, prior: MessageRow, file: Readable, settings: FileSettings) {
  await discard(file, maxBytesOf(settings));
  return sendMessage(ctx, actor, {
    conversationId: prior.conversationId,
    clientId: prior.clientId!,
    body: prior.body,
    onAppend: () => Promise.reject(new Error('a retried upload found no stored message')),
  });
}

function linkFor(ctx: Ctx, file: FileRow) {
  if (file.status === 'expired') throw new AppError('file_expired', 'This file has expired and was deleted.');
  if (file.status === 'infected') throw new AppError('file_infected', 'File blocked: a virus was found.');
  return fileLink(ctx, file);
}

/** Uploads need multipart parsing; only they get it (other routes keep refusing anything but JSON). */
async function uploadRoutes(app: FastifyInstance, ctx: Ctx) {
  // The size limit is enforced by counting in storeUpload (throwing from inside busboy would come too late).
  await app.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { files: 1, fields: 10, parts: 11, fieldSize: 16 * 1024 } });

  // A coarse per-address limit in front of the per-visitor one (which counts stored files).
  app.post('/api/widget/files', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
    reply.header('access-control-expose-headers', 'retry-after');
    const { actor, site } = await visitorOf(ctx, req, reply);
    const settings = WidgetSettings.parse(site.settings).files;
    if (!settings.enabled) throw new AppError('files_disabled', "Files can't be sent on this website.");
    const r = await receiveUpload(req, reply, settings, WidgetUploadFields, {
      before: async () => {
        await checkUploadRate(ctx.db, actor.visitorId, settings);
        await quotaBefore(ctx, req, site.id, settings);
      },
      onFile: async (fields, file, filename) => {
        const prior = await findVisitorMessageByClientId(ctx.db, actor.visitorId, fields.clientId);
        if (prior) return answerRetry(ctx, actor, prior, file, settings);
        const where = await visitorUploadConversation(ctx, actor, fields.conversationId);
        const target: UploadTarget = { workspaceId: site.workspaceId, siteId: site.id, conversationId: where.conversationId, settings, uploaderType: 'visitor', uploaderId: actor.visitorId };
        const stored = await storeUpload(ctx, req.log, target, file, filename);
        return commitUpload(ctx, req.log, actor, target, stored, {
          conversationId: fields.conversationId,
          clientId: fields.clientId,
          body: fields.caption,
          departmentId: fields.departmentId,
          triggerId: fields.triggerId,
          newConversationId: where.newConversationId,
        });
      },
    });
    return reply.code(r.created ? 201 : 200).send({ message: r.message, conversation: r.conversation });
  });

  app.post<{ Params: { id: string } }>('/api/conversations/:id/files', async (req, reply) => {
    const actor = await requireAgentOrApi(ctx, req);
    const conv = await readableConversation(ctx, actor, parse(Id, req.params.id));
    const site = await findSite(ctx.db, conv.workspaceId, conv.siteId);
    const settings = WidgetSettings.parse(site!.settings).files;
    const r = await receiveUpload(req, reply, settings, AgentUploadFields, {
      before: () => quotaBefore(ctx, req, conv.siteId, settings),
      onFile: async (fields, file, filename) => {
        if (actor.kind === 'api' && fields.kind === 'note') throw new AppError('validation_failed', 'kind: API tokens send files as replies, not notes');
        const prior = await findMessageByClientId(ctx.db, conv.id, fields.clientId);
        if (prior) return answerRetry(ctx, actor, prior, file, settings);
        const target: UploadTarget = {
          workspaceId: conv.workspaceId,
          siteId: conv.siteId,
          conversationId: conv.id,
          settings,
          uploaderType: actor.kind === 'agent' ? 'agent' : 'api',
          uploaderId: actor.kind === 'agent' ? actor.agentId : actor.tokenId,
        };
        const stored = await storeUpload(ctx, req.log, target, file, filename);
        return commitUpload(ctx, req.log, actor, target, stored, { conversationId: conv.id, clientId: fields.clientId, body: fields.caption, kind: fields.kind });
      },
    });
    return reply.code(r.created ? 201 : 200).send({ message: r.message, conversation: r.conversation });
  });
}

/**
 * Files: uploads (visitor and agent), short-lived links for participants, the download
 * itself (signed, no cookie), a conversation's files and a site's report.
 */
export async function filesRoutes(app: FastifyInstance, ctx: Ctx) {
  await app.register((scope) => uploadRoutes(scope, ctx));

  app.get('/api/files/:id/link', async (req) => {
    const actor: Actor = await requireAgentOrApi(ctx, req);
    const { id } = parse(FileIdParams, req.params);
    const row = await findFileInWorkspace(ctx.db, actor.workspaceId, id);
    if (!row || !canReadConversation(actor, row.conv)) throw notFound('File');
    return linkFor(ctx, row.file);
  });

  app.get('/api/widget/files/:id/link', async (req, reply) => {
    const { actor } = await visitorOf(ctx, req, reply);
    const { id } = parse(FileIdParams, req.params);
    const row = await findFileInWorkspace(ctx.db, actor.workspaceId, id);
    // Notes' files are agent-only, like the notes.
    if (!row || !canReadConversation(actor, row.conv) || row.messageKind === 'note') throw notFound('File');
    return linkFor(ctx, row.file);
  });

  app.get('/files/:id/:variant', (req, reply) => serveFile(ctx, req, reply));

  app.get<{ Params: { id: string } }>('/api/conversations/:id/files', async (req) => {
    const actor = await requireAgentOrApi(ctx, req);
    const conv = await readableConversation(ctx, actor, parse(Id, req.params.id));
    return { files: await listConversationFiles(ctx.db, conv.id) };
  });

  app.get<{ Params: { id: string } }>('/api/sites/:id/files/report', async (req) => {
    const actor = await requireAgent(ctx, req);
    const site = await findSite(ctx.db, actor.workspaceId, parse(Id, req.params.id));
    if (!site) throw notFound('Site');
    if (!canReadSettings(actor)) throw forbidden('Only owners, admins and managers see the files report');
    return filesReport(ctx.db, site);
  });
}
