import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config/env.js';

// Not a real token: any non-blank string without spaces is accepted, as discord.js does no format check.
const TOKEN = 'fake-token-for-config-tests';

/** The ConfigError readConfig throws, or a failure when it accepts the environment. */
function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('readConfig', () => {
  it('fills every default from a token alone', () => {
    expect(readConfig({ DISCORD_TOKEN: TOKEN })).toEqual({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: 'https://discord.com/api',
      LOG_LEVEL: 'info',
      DATABASE_URL: 'sqlite:var/remembrance.sqlite',
      DATABASE_POOL_SIZE: 10,
      DATASET_FILE: 'data/remembrance.json',
      SHARD_COUNT: 'auto',
      HTTP_HOST: '127.0.0.1',
      DISCORD_GLOBAL_RATE_LIMIT: 50,
    });
  });

  it('reads DATABASE_POOL_SIZE as a number and refuses anything but 1 to 100 in one line', () => {
    expect(readConfig({ DISCORD_TOKEN: TOKEN, DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
    for (const value of ['0', '101', 'ten', '-1', '2.5']) {
      expect(refusal({ DISCORD_TOKEN: TOKEN, DATABASE_POOL_SIZE: value }).message).toBe(
        'DATABASE_POOL_SIZE must be a whole number from 1 to 100.',
      );
    }
  });

  it('ignores variables it does not know (the rest of the environment)', () => {
    expect(readConfig({ DISCORD_TOKEN: TOKEN, PATH: '/usr/bin', HOME: '/root' }).DISCORD_TOKEN).toBe(TOKEN);
  });

  for (const env of [{}, { DISCORD_TOKEN: '' }, { DISCORD_TOKEN: undefined }]) {
    it(`refuses a missing token (${JSON.stringify(env)}) in one line naming DISCORD_TOKEN and where to get it`, () => {
      const error = refusal(env);
      expect(error.message).not.toContain('\n');
      expect(error.message).toMatch(/^DISCORD_TOKEN is not set: /);
      expect(error.message).toContain('https://discord.com/developers/applications');
      expect(error.message).toContain('.env');
    });
  }

  it('refuses a token pasted with the "Bot " prefix or with spaces, without echoing it', () => {
    const prefixed = refusal({ DISCORD_TOKEN: `Bot ${TOKEN}` });
    expect(prefixed.message).toBe(
      'DISCORD_TOKEN starts with "Bot ": remove the prefix and put the token alone.',
    );
    expect(prefixed.message).not.toContain(TOKEN);
    const spaced = refusal({ DISCORD_TOKEN: 'abc def' });
    expect(spaced.message).toMatch(/^DISCORD_TOKEN contains spaces/);
    expect(spaced.message).not.toContain('abc def');
  });

  for (const url of [
    'https://discord.com/api/v10',
    'https://discord.com/api/v10/',
    'http://127.0.0.1:8080/api/v9',
  ]) {
    it(`refuses DISCORD_API_URL=${url}, which discord.js would extend to /v10/v10`, () => {
      const error = refusal({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: url });
      expect(error.message).not.toContain('\n');
      expect(error.message).toMatch(/^DISCORD_API_URL /);
      expect(error.message).toContain('/v10');
    });
  }

  it('accepts a local emulator URL and drops trailing slashes', () => {
    expect(
      readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://127.0.0.1:8080/api/' }).DISCORD_API_URL,
    ).toBe('http://127.0.0.1:8080/api');
  });

  it('refuses a DISCORD_API_URL that is not http(s)', () => {
    expect(refusal({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'ftp://discord.com/api' }).message).toMatch(
      /^DISCORD_API_URL must be an http\(s\) URL/,
    );
  });

  it('reads a shard count as a number, and refuses zero', () => {
    expect(readConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '4' }).SHARD_COUNT).toBe(4);
    expect(refusal({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '0' }).message).toMatch(/^SHARD_COUNT /);
  });

  it('reads SHARD_IDS as a list or a range of the shards this host runs', () => {
    expect(readConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '4', SHARD_IDS: '0,1' }).SHARD_IDS).toEqual([
      0, 1,
    ]);
    expect(readConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '4', SHARD_IDS: '0-3' }).SHARD_IDS).toEqual([
      0, 1, 2, 3,
    ]);
    expect(readConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '8', SHARD_IDS: '5,0-1,1' }).SHARD_IDS).toEqual([
      0, 1, 5,
    ]);
  });

  it.each([
    [{ SHARD_IDS: '0' }, /^SHARD_IDS requires a numeric SHARD_COUNT /],
    [{ SHARD_COUNT: 'auto', SHARD_IDS: '0' }, /^SHARD_IDS requires a numeric SHARD_COUNT /],
    [
      { SHARD_COUNT: '2', SHARD_IDS: '1-2' },
      /^SHARD_IDS must be within 0\.\.1 for SHARD_COUNT=2 \(got 2\)\.$/,
    ],
    [{ SHARD_COUNT: '2', SHARD_IDS: 'one' }, /^SHARD_IDS must list shard ids such as "0,1" or "0-3"\.$/],
    [{ SHARD_COUNT: '4', SHARD_IDS: '3-0' }, /^SHARD_IDS has a range that runs backwards/],
    [{ DISCORD_GLOBAL_RATE_LIMIT: '0' }, /^DISCORD_GLOBAL_RATE_LIMIT must be a whole number from 1\.$/],
    [{ DISCORD_PROCESS_RATE_LIMIT: '2.5' }, /^DISCORD_PROCESS_RATE_LIMIT must be a whole number from 1\.$/],
  ])('refuses %j in one line', (env, message) => {
    const error = refusal({ DISCORD_TOKEN: TOKEN, ...env });
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(message);
  });

  it('refuses a development server id that is not a snowflake, and an unknown log level', () => {
    expect(refusal({ DISCORD_TOKEN: TOKEN, DISCORD_DEV_GUILD_ID: '123' }).message).toMatch(
      /^DISCORD_DEV_GUILD_ID must be a Discord id/,
    );
    expect(refusal({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'verbose' }).message).toMatch(/^LOG_LEVEL /);
  });

  it('accepts LOG_LEVEL in any case and refuses a bad one with the accepted values', () => {
    expect(readConfig({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'INFO' }).LOG_LEVEL).toBe('info');
    expect(readConfig({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: ' Debug ' }).LOG_LEVEL).toBe('debug');
    expect(refusal({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'loud' }).message).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.',
    );
  });

  it('reads HTTP_PORT as a port number and refuses anything else', () => {
    expect(readConfig({ DISCORD_TOKEN: TOKEN, HTTP_PORT: '9464' }).HTTP_PORT).toBe(9464);
    expect(readConfig({ DISCORD_TOKEN: TOKEN }).HTTP_PORT).toBeUndefined();
    for (const bad of ['0', '65536', 'http', '-1']) {
      expect(refusal({ DISCORD_TOKEN: TOKEN, HTTP_PORT: bad }).message).toBe(
        'HTTP_PORT must be a port number from 1 to 65535.',
      );
    }
  });
});
