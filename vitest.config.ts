import { defineConfig } from 'vitest/config';

// One `npm test` runs every suite. The PostgreSQL twin of the integration suite runs when
// TEST_DATABASE_URL is set, the multi-node suite when TEST_REDIS_URL is set too.
const pg = process.env.TEST_DATABASE_URL;
const redis = process.env.TEST_REDIS_URL;

const integration = (name: string, env: Record<string, string>) => ({
  test: {
    name,
    include: ['apps/server/src/**/*.int.test.ts'],
    exclude: ['**/multinode.int.test.ts', 'apps/server/src/faults/**'],
    env,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['apps/server/src/**/*.test.ts', 'packages/protocol/src/**/*.test.ts'], exclude: ['**/*.int.test.ts'] } },
      integration('integration-pglite', { PARLEY_TEST_DB: 'pglite' }),
      ...(pg ? [integration('integration-postgres', { PARLEY_TEST_DB: 'postgres' })] : []),
      ...(pg && redis
        ? [{ test: { name: 'multinode', include: ['apps/server/src/**/multinode.int.test.ts'], env: { PARLEY_TEST_DB: 'postgres' }, testTimeout: 60_000, hookTimeout: 60_000 } }]
        : []),
      // Fault tests (kill -9 a node, Redis and PostgreSQL outages, network drops): one file at a
      // time, they start processes; each prints why it is skipped when its prerequisites are missing.
      { test: { name: 'faults', include: ['apps/server/src/faults/**/*.int.test.ts'], testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false } },
      'apps/widget',
      'apps/dashboard',
      { test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 90_000, fileParallelism: false } },
    ],
  },
});
