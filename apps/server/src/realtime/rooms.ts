/** Socket.IO room names; every fan-out goes through these, never to socket ids. */
export const rooms = {
  siteAgents: (siteId: string) => `site:${siteId}:agents`,
  workspaceAgents: (workspaceId: string) => `ws:${workspaceId}:agents`,
  /** Owners, admins and managers: they follow every site, including ones created later. */
  workspaceAllSites: (workspaceId: string) => `ws:${workspaceId}:all-sites`,
  agent: (agentId: string) => `agent:${agentId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Every widget connected to a site (to drop them when the site is turned off). */
  siteVisitors: (siteId: string) => `site:${siteId}:visitors`,
};
