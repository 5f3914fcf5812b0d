import { RoutingSettings, type SiteDto } from '@parley/protocol';
import type { sites } from '../../db/schema';

export type SiteRow = typeof sites.$inferSelect;

export const snippetFor = (publicUrl: string, widgetKey: string) => `<script src="${publicUrl}/widget.js" data-site-key="${widgetKey}" async></script>`;

export function presentSite(row: SiteRow, publicUrl: string): SiteDto {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    widgetKey: row.widgetKey,
    settings: row.settings,
    routing: RoutingSettings.parse(row.routing),
    active: row.active,
    isDemo: row.isDemo,
    snippet: snippetFor(publicUrl, row.widgetKey),
    createdAt: row.createdAt.toISOString(),
  };
}
