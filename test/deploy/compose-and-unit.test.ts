import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHUTDOWN_DRAIN_MS } from '../../src/ops/shutdown.js';
import { ROOT } from '../e2e/process-support.js';

/** compose-spec's JSON schema (Apache-2.0), as vendored in the dclint 3.1.0 npm package. */
const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'compose-spec.schema.json'), 'utf8'));

function composeErrors(document: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema names draft-07 by an URL without the trailing '#' that Ajv registers draft-07 under.
  const { $schema: _draft07, ...body } = schema;
  const validate = ajv.compile(body);
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function seconds(duration: string): number {
  const match = /^(\d+)(s|m)$/.exec(duration);
  if (!match) throw new Error(`unexpected duration ${duration}`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

describe('compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as {
    services: Record<string, Record<string, unknown>>;
  };

  it('is valid against the Compose specification schema', () => {
    expect(composeErrors(compose)).toEqual([]);
  });

  it('the schema check can fail: a misspelt key and a wrong type are reported', () => {
    const broken = structuredClone(compose);
    (broken.services.bot as Record<string, unknown>).restrat = 'always';
    (broken.services.bot as Record<string, unknown>).ports = 8080;
    expect(composeErrors(broken).length).toBeGreaterThan(0);
  });

  it('runs the bot on PostgreSQL, after it is healthy, and stops it slower than its drain', () => {
    const bot = compose.services.bot as {
      environment: Record<string, string>;
      depends_on: Record<string, { condition: string }>;
      stop_grace_period: string;
      build: string;
    };
    expect(bot.build).toBe('.');
    expect(bot.environment.DATABASE_URL).toMatch(
      /^postgres:\/\/remembrance:\$\{POSTGRES_PASSWORD\}@postgres:5432\//,
    );
    expect(bot.depends_on.postgres?.condition).toBe('service_healthy');
    expect(seconds(bot.stop_grace_period) * 1000).toBeGreaterThan(SHUTDOWN_DRAIN_MS);
    expect(compose.services.postgres?.healthcheck).toBeDefined();
  });
});

describe('systemd unit', () => {
  const file = join(ROOT, 'deploy', 'remembrance-bot.service');
  const unit = readFileSync(file, 'utf8');
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

  it('restarts on failure and waits longer than the drain before killing', () => {
    expect(value('Restart')).toBe('on-failure');
    expect(Number(value('TimeoutStopSec')) * 1000).toBeGreaterThan(SHUTDOWN_DRAIN_MS);
    expect(value('KillSignal')).toBe('SIGTERM');
    expect(value('ExecStart')).toBe('/usr/bin/node --max-semi-space-size=4 dist/src/run-main.js');
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const available = analyze.status === 0;
  it.skipIf(!available)(
    'passes systemd-analyze verify without a warning (skipped: systemd-analyze not installed)',
    () => {
      // verify also checks that ExecStart's program exists: point it at the node running this test.
      const dir = mkdtempSync(join(tmpdir(), 'remembrance-unit-'));
      try {
        const copy = join(dir, 'remembrance-bot.service');
        writeFileSync(copy, unit.replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`));
        const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        // And it does complain about a broken unit, so silence above means something.
        writeFileSync(copy, unit.replace('TimeoutStopSec=30', 'TimeoutStopSec=thirty'));
        expect(spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' }).stderr).toMatch(/thirty/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
