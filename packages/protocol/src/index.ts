export * from './common';
export * from './limits';
export * from './models';
export * from './rest';
export * from './site-settings';
export * from './engagement';
export * from './events';
export * as SocketSchemas from './socket-schemas';
