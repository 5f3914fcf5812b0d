import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Driver, Executor } from '../db/client';

/** What pg-boss calls to run its SQL (its `db` option): text with `$n` parameters. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** pg-boss's schema set-up and maintenance send several statements in one string, without parameters. */
function isMultiStatement(text: string, values: unknown[] | undefined): boolean {
  return !values?.length && text.trim().replace(/;\s*$/, '').includes(';');
}

/**
 * PGlite's `query` uses the extended protocol (one statement, parameters); `exec` runs a
 * script. A failed script that opened a transaction (pg-boss wraps its scripts in
 * BEGIN…COMMIT) leaves it aborted on the single shared connection, so it is rolled back.
 */
function pgliteExecutor(client: PGlite): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (!isMultiStatement(text, values)) return client.query(text, values);
      try {
        const results = await client.exec(text);
        return { rows: [...results].reverse().find((r) => r.rows.length)?.rows ?? [] };
      } catch (err) {
        if (client.isInTransaction()) await client.exec('ROLLBACK').catch(() => {});
        throw err;
      }
    },
  };
}

/** node-postgres: scripts run on one checked-out connection, rolled back if they fail midway. */
function poolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (!isMultiStatement(text, values)) return pool.query(text, values);
      const conn = await pool.connect();
      try {
        return await conn.query(text);
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        conn.release();
      }
    },
  };
}

/** The executor for the database's own driver (pg-boss's polling, maintenance, completion). */
export function driverExecutor(driver: Driver): SqlExecutor {
  return driver.kind === 'pglite' ? pgliteExecutor(driver.client) : poolExecutor(driver.pool);
}

/**
 * Runs pg-boss's statement inside a drizzle transaction, so a job commits (or rolls back)
 * with the change that caused it. The text goes to the driver as is, with its positional
 * parameters (pg-boss reuses `$n`, which drizzle's `sql` template cannot express).
 */
export function transactionExecutor(tx: Executor): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const result = await tx._.session.prepareQuery({ sql: text, params: values }, undefined, undefined, false).execute();
      return result as { rows: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    },
  };
}
