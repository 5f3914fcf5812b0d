import { describe, expect, it } from 'vitest';
import { browserLabel, cartOf, deviceKind, deviceLabel, displayValue, flagEmoji, formatDuration, formatMoney, hostOf, locationLabel, pathOf, secondsSince, sourceLabel, utmLabel } from './format';

describe('formatDuration', () => {
  it('shows seconds under a minute', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(42.9)).toBe('42s');
  });
  it('shows minutes with padded seconds, then hours with padded minutes, then days', () => {
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3600 + 2 * 60 + 59)).toBe('1h 02m');
    expect(formatDuration(2 * 86_400 + 4 * 3600 + 10)).toBe('2d 4h');
  });
  it('never goes negative or NaN', () => {
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('0s');
  });
});

describe('secondsSince', () => {
  it('counts whole seconds and clamps future or missing times to 0', () => {
    const now = Date.parse('2025-06-18T12:00:10Z');
    expect(secondsSince('2025-06-18T12:00:00Z', now)).toBe(10);
    expect(secondsSince('2025-06-18T12:01:00Z', now)).toBe(0);
    expect(secondsSince(null, now)).toBe(0);
    expect(secondsSince('garbage', now)).toBe(0);
  });
});

describe('flagEmoji', () => {
  it('turns a two-letter code into regional indicator symbols, any case', () => {
    expect(flagEmoji('GB')).toBe('🇬🇧');
    expect(flagEmoji('de')).toBe('🇩🇪');
  });
  it('returns nothing for unknown input', () => {
    expect(flagEmoji(null)).toBe('');
    expect(flagEmoji('GBR')).toBe('');
    expect(flagEmoji('1A')).toBe('');
  });
});

describe('locationLabel', () => {
  it('joins city and country, falls back to either, or null', () => {
    expect(locationLabel({ city: 'London', country: 'United Kingdom', countryCode: 'GB' })).toBe('London, United Kingdom');
    expect(locationLabel({ city: null, country: null, countryCode: 'gb' })).toBe('GB');
    expect(locationLabel({ city: 'Paris', country: null, countryCode: null })).toBe('Paris');
    expect(locationLabel({ city: null, country: null, countryCode: null })).toBeNull();
  });
});

describe('formatMoney', () => {
  it('formats with the currency, or as a plain number without one', () => {
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatMoney(49, null, 'en-US')).toBe('49');
    expect(formatMoney(49.5, null, 'en-US')).toBe('49.50');
  });
  it('survives an invalid currency code', () => {
    expect(formatMoney(10, 'X1', 'en-US')).toBe('10 X1');
  });
});

describe('devices and sources', () => {
  it('names the device kind, desktop by default', () => {
    expect(deviceKind({ device: null, browser: null, os: null })).toBe('Desktop');
    expect(deviceKind({ device: 'mobile', browser: null, os: null })).toBe('Mobile');
    expect(deviceKind({ device: 'gizmo', browser: null, os: null })).toBe('Gizmo');
  });
  it('labels the whole device, or nothing when unknown', () => {
    expect(deviceLabel({ device: 'mobile', browser: 'Safari', os: 'iOS' })).toBe('Mobile · Safari · iOS');
    expect(deviceLabel({ device: 'desktop', browser: null, os: null })).toBe('Desktop');
    expect(deviceLabel({ device: null, browser: null, os: null })).toBeNull();
  });
  it('joins browser and OS when known', () => {
    expect(browserLabel({ device: null, browser: 'Chrome 120', os: 'Linux' })).toBe('Chrome 120 · Linux');
    expect(browserLabel({ device: null, browser: null, os: 'iOS' })).toBe('iOS');
    expect(browserLabel({ device: null, browser: null, os: null })).toBeNull();
  });
  it('prefers the UTM source, then the referrer host, else Direct', () => {
    expect(sourceLabel('https://www.google.com/search?q=x', 'newsletter')).toBe('newsletter');
    expect(sourceLabel('https://www.google.com/search?q=x', null)).toBe('google.com');
    expect(sourceLabel('', null)).toBe('Direct');
  });
  it('shows UTM parameters and URL parts compactly', () => {
    expect(utmLabel({ source: 'google', medium: 'cpc', campaign: null })).toBe('google / cpc');
    expect(utmLabel({ source: null, medium: null, campaign: null })).toBeNull();
    expect(hostOf('https://www.shop.test/a')).toBe('shop.test');
    expect(hostOf('not a url')).toBe('not a url');
    expect(pathOf('https://shop.test/pricing?plan=pro#faq')).toBe('/pricing?plan=pro#faq');
  });
});

describe('cartOf', () => {
  it('reads total, currency and items of the context cart', () => {
    expect(cartOf({ cart: { total: 59.9, currency: 'EUR', items: [{ name: 'Boots', quantity: 2, price: 29.95 }, { name: 'Socks' }] } })).toEqual({
      total: 59.9,
      currency: 'EUR',
      items: [
        { name: 'Boots', quantity: 2, price: 29.95 },
        { name: 'Socks', quantity: 1, price: null },
      ],
    });
  });
  it('is null without a cart or a numeric total', () => {
    expect(cartOf({})).toBeNull();
    expect(cartOf(null)).toBeNull();
    expect(cartOf({ cart: { total: 'lots' } })).toBeNull();
  });
});

describe('displayValue', () => {
  it('shows booleans, nulls, numbers, strings and objects readably', () => {
    expect(displayValue(true)).toBe('Yes');
    expect(displayValue(null)).toBe('—');
    expect(displayValue(3)).toBe('3');
    expect(displayValue('gold')).toBe('gold');
    expect(displayValue({ date: '2025-07-01' })).toBe('{"date":"2025-07-01"}');
    expect(displayValue('x'.repeat(10), 5)).toBe('xxxx…');
  });
});
