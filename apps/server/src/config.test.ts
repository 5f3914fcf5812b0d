import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('runs with no variables at all (embedded database, port 3000, demo on)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', databaseUrl: undefined, redisUrl: undefined, demoPage: true, admin: undefined });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('fails fast with a readable message naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL must start with postgres/);
    }
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.co' })).toThrow(/set together/);
  });

  it('derives secure cookies from an https PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' })).toMatchObject({ cookieSecure: true, publicUrl: 'https://chat.example.com' });
    expect(loadConfig({ DEMO_PAGE: 'false' }).demoPage).toBe(false);
  });
});
