export const agentsKey = ['agents'] as const;
export const tokensKey = ['tokens'] as const;
