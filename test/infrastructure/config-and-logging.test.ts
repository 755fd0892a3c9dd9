import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { createLogger, scrub } from '../../src/infrastructure/logging/logger.js';

describe('Configuration: one schema over the environment; bad config refuses to start', () => {
  it('defaults give the embedded store on port 3000 of every interface', () => {
    expect(loadConfig({})).toMatchObject({ HOST: '0.0.0.0', PORT: 3000, DATA_DIR: './data', SESSION_IDLE_SECONDS: 1200, SESSION_ABSOLUTE_SECONDS: 28800, PASSWORD_MAX_AGE_DAYS: 90 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ HOST: 'http://127.0.0.1' }, 'HOST'],
    [{ HOST: '127.0.0.1:3000' }, 'HOST'],
    [{ HOST: '999.0.0.1' }, 'HOST'],
    [{ HOST: 'two words' }, 'HOST'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SEED_DEMO: '1' }, 'DEMO_PASSWORD'],
    [{ SEED_DEMO: '1', DEMO_PASSWORD: 'short' }, 'DEMO_PASSWORD'],
    [{ SESSION_IDLE_SECONDS: '0' }, 'SESSION_IDLE_SECONDS'],
    [{ PSEUDONYM_KEY: 'too-short' }, 'PSEUDONYM_KEY'],
  ])('%j is refused, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it.each(['127.0.0.1', '::1', '::', 'localhost', 'egrants.internal'])('HOST %s is an address to listen on', (host) => {
    expect(loadConfig({ HOST: host }).HOST).toBe(host);
  });

  it('an empty variable counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});

describe('Logs never carry a CPR number, a password or a token', () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, logger: createLogger({ level: 'info', destination }) };
  };

  it('CPR-shaped numbers are scrubbed wherever they hide', () => {
    const { lines, logger } = capture();
    logger.info({ note: 'borger 010190-1234 ringede', nested: { deeper: ['0101901234'] } }, 'opslag på 010190 1234');
    const line = lines.join('');
    expect(line).not.toMatch(/010190.?1234/);
    expect(line).toContain('[CPR]');
  });

  it('secret fields are redacted and bearer tokens scrubbed', () => {
    const { lines, logger } = capture();
    logger.info({ password: 'hunter2hunter2', body: { newPassword: 'x', cpr: '0101901234' }, headers: { authorization: 'Bearer abc.def' } }, 'login');
    logger.warn('header was Bearer abcdefghijklmnop');
    const text = lines.join('');
    for (const secret of ['hunter2hunter2', 'abc.def', 'abcdefghijklmnop', '0101901234']) expect(text).not.toContain(secret);
  });

  it('ordinary numbers (timestamps, ids) are left alone', () => {
    expect(scrub('took 12345 ms at 1764140112345')).toBe('took 12345 ms at 1764140112345');
  });
});
