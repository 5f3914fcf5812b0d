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

  it('reads the email settings, with the reply domain from PUBLIC_URL by default', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://Chat.Example.com' }).email).toEqual({
      smtpUrl: undefined,
      from: 'Parley <parley@chat.example.com>',
      inboundPort: undefined,
      inboundHost: '0.0.0.0',
      replyDomain: 'chat.example.com',
    });
    const c = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.com:587', SMTP_FROM: 'Support <help@example.com>', SMTP_INBOUND_PORT: '2525', EMAIL_REPLY_DOMAIN: 'in.example.com' });
    expect(c.email).toMatchObject({ smtpUrl: 'smtp://u:p@mail.example.com:587', from: 'Support <help@example.com>', inboundPort: 2525, replyDomain: 'in.example.com' });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL must start with smtp/);
    expect(() => loadConfig({ EMAIL_REPLY_DOMAIN: 'reply@example.com' })).toThrow(/EMAIL_REPLY_DOMAIN/);
  });

  it('derives secure cookies from an https PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' })).toMatchObject({ cookieSecure: true, publicUrl: 'https://chat.example.com' });
    expect(loadConfig({ DEMO_PAGE: 'false' }).demoPage).toBe(false);
  });
});
