import { RoutingSettings, WidgetSettings, type SiteDto } from '@parley/protocol';
import type { Actor } from '../auth/actors';
import { isAdmin } from '../auth/policy';
import type { sites } from '../../db/schema';

export type SiteRow = typeof sites.$inferSelect;

export const snippetFor = (publicUrl: string, widgetKey: string) => `<script src="${publicUrl}/widget.js" data-site-key="${widgetKey}" async></script>`;

/**
 * A site for the dashboard. Settings are read through their schema (older rows get the new
 * fields' defaults); the identity-verification secret only goes to owners and admins.
 */
export function presentSite(row: SiteRow, publicUrl: string, viewer: Actor): SiteDto {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    widgetKey: row.widgetKey,
    settings: WidgetSettings.parse(row.settings),
    routing: RoutingSettings.parse(row.routing),
    active: row.active,
    isDemo: row.isDemo,
    snippet: snippetFor(publicUrl, row.widgetKey),
    createdAt: row.createdAt.toISOString(),
    ...(isAdmin(viewer) ? { identitySecret: row.secret } : {}),
  };
}
