import { describe, expect, it } from 'vitest';
import { deviceOf } from './userAgent';

describe('deviceOf', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', { browser: 'Firefox', os: 'Windows' }],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', { browser: 'Chrome', os: 'Linux' }],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', { browser: 'Edge', os: 'Windows' }],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', { browser: 'Safari', os: 'macOS' }],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', { browser: 'Safari', os: 'iOS' }],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1', { browser: 'Chrome', os: 'iOS' }],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', { browser: 'Chrome', os: 'Android' }],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', { browser: 'Chrome', os: 'Linux' }],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0', { browser: 'Opera', os: 'Windows' }],
  ])('%s', (ua, device) => {
    expect(deviceOf(ua)).toEqual(device);
  });

  it('names a program that is no browser by its first product token', () => {
    expect(deviceOf('curl/8.11.1')).toEqual({ program: 'curl' });
    expect(deviceOf('Java-http-client/17.0.13')).toEqual({ program: 'Java-http-client' });
  });

  it('knows nothing of a missing or empty User-Agent', () => {
    expect(deviceOf(null)).toEqual({});
    expect(deviceOf(undefined)).toEqual({});
    expect(deviceOf('  ')).toEqual({});
    expect(deviceOf('(((')).toEqual({});
  });
});
