import type { TriggerDto, WidgetTriggerDto } from '@parley/protocol';
import type { triggers } from '../../db/schema';

export type TriggerRow = typeof triggers.$inferSelect;

/** What the widget needs to evaluate a trigger (no name, no stats). */
export function presentWidgetTrigger(row: TriggerRow): WidgetTriggerDto {
  return {
    id: row.id,
    priority: row.priority,
    conditions: row.conditions,
    delaySeconds: row.delaySeconds,
    message: row.message,
    frequency: row.frequency,
    businessHoursOnly: row.businessHoursOnly,
    onlyWhenAgentsOnline: row.onlyWhenAgentsOnline,
  };
}

/** A trigger as the dashboard sees it. */
export function presentTrigger(row: TriggerRow): TriggerDto {
  return {
    ...presentWidgetTrigger(row),
    siteId: row.siteId,
    name: row.name,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
