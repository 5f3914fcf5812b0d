export const visitorKeys = {
  liveAll: ['visitors-live'] as const,
  /** `siteId` '' = every site I serve. */
  live: (siteId: string) => ['visitors-live', siteId] as const,
  detail: (id: string) => ['visitor', id] as const,
};
