import { ValidationError } from '@omnicast/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      mode: 'sandbox',
      logLevel: 'info',
      defaultPhoneRegion: 'TW',
    });
  });

  it('reads variables and lists every bad one', () => {
    expect(loadConfig({ PORT: '8080', LOG_LEVEL: 'debug' }).port).toBe(8080);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as ValidationError).issues.map((issue) => issue.path[0])).toEqual(['PORT', 'LOG_LEVEL']);
    }
  });
});

describe('createLogger', () => {
  it('writes JSON lines at or above the level and redacts secrets', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      write: (line) => lines.push(line),
      secrets: ['sk-secret-token'],
      now: () => new Date(0),
    });
    logger.debug('hidden');
    logger.info('hello', { token: 'Bearer sk-secret-token' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      message: 'hello',
      token: 'Bearer [REDACTED]',
    });
  });
});
