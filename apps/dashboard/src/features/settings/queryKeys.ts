export const agentsKey = ['agents'] as const;
export const tokensKey = ['tokens'] as const;
export const workspaceSettingsKey = ['workspace-settings'] as const;
/** Shared + my canned responses: one cache with the composer's `/` picker. */
export { cannedKey } from '../canned-picker/api';
