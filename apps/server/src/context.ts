import type { Config } from './config';
import type { Db } from './db/client';
import type { EventBus } from './events/bus';
import type { JobQueue } from './jobs/queue';
import type { GeoLookup } from './modules/tracking/geoip';

/** What every service needs; built once in buildApp and passed down. */
export interface Ctx {
  db: Db;
  bus: EventBus;
  config: Config;
  /** Country/city of an IP (GEOIP_DB_PATH, opened once at startup); answers null without a database. */
  geo: GeoLookup;
  /** Background jobs (pg-boss): enqueue inside the transaction of the change. */
  jobs: JobQueue;
}
