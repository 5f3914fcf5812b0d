import type { Config } from './config';
import type { Db } from './db/client';
import type { EventBus } from './events/bus';

/** What every service needs; built once in buildApp and passed down. */
export interface Ctx {
  db: Db;
  bus: EventBus;
  config: Config;
}
