import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const started = Date.now();
  const parley = await buildApp({ config });
  await parley.app.listen({ host: config.host, port: config.port });
  const db = parley.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pgdata` : 'PostgreSQL';
  parley.app.log.info(`Parley is up in ${Date.now() - started} ms on ${config.publicUrl} (${db}${config.redisUrl ? ', Redis fan-out' : ''})`);
  parley.app.log.info(`Dashboard: ${config.publicUrl}/   Demo page: ${config.demoPage ? config.publicUrl + '/demo' : 'off'}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    parley.app.log.info(`${signal}: shutting down`);
    await parley.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('Parley failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
