export * from './workspaces';
export * from './sites';
export * from './agents';
export * from './visitors';
export * from './conversations';
export * from './auth';
export * from './team';
export * from './triggers';
