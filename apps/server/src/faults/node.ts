/**
 * One Parley node as its own OS process, for the fault tests (a SIGKILL must be real).
 * It is `main.ts` with two test hooks: the Redis channel prefix (`FAULT_REDIS_PREFIX`, so
 * runs sharing one Redis stay apart) and a `ready` message to the parent over IPC. When the
 * parent goes away (a crashed test run) the node exits instead of lingering.
 */
import { buildApp } from '../app';
import { loadConfig } from '../config';

const config = loadConfig();
const parley = await buildApp({ config, redisPrefix: process.env.FAULT_REDIS_PREFIX || undefined });
await parley.app.listen({ host: config.host, port: config.port });
process.send?.({ ready: true });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void parley.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
