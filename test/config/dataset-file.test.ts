import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { ConfigError } from '../../src/config/env.js';
import { rawDataset } from '../domain/fixtures.js';

type Raw = ReturnType<typeof rawDataset>;
type Json = Record<string, unknown>;

/** The ConfigError loadDataset throws for a file, or a failure when it does not throw one. */
function rejection(file: string): ConfigError {
  try {
    loadDataset(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`${file} was accepted`);
}

describe('loadDataset refuses a broken dataset file in one line naming the file and the place', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataset-test-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the real dataset, changed by `edit`, to a temp file. */
  function brokenCopy(edit: (raw: Raw) => void): string {
    const raw = rawDataset();
    edit(raw);
    const file = join(dir, 'remembrance.json');
    writeFileSync(file, JSON.stringify(raw, null, 2));
    return file;
  }
  const event = (raw: Raw, i: number) => raw.events[i] as Json & { figures: Json[]; date: Json };

  it('accepts an unchanged copy', () => {
    const file = brokenCopy(() => {});
    expect(loadDataset(file).events).toHaveLength(10);
  });

  const cases: Array<{ what: string; edit: (raw: Raw) => void; path: string; problem: RegExp }> = [
    {
      what: 'a negative area',
      edit: (raw) => {
        (event(raw, 1).figures[0] as Json).value = -289;
      },
      path: 'events[1].figures[0].value',
      problem: /too small.*>=\s*0/i,
    },
    {
      what: 'a figure citing a source that does not exist',
      edit: (raw) => {
        (event(raw, 1).figures[0] as Json).sourceId = 'nowhere';
      },
      path: 'events[1].figures[0].sourceId',
      problem: /unknown source "nowhere"/,
    },
    {
      what: 'a date citing a source that does not exist',
      edit: (raw) => {
        (event(raw, 9).dateAsInSource as Json).sourceId = 'nowhere';
      },
      path: 'events[9].dateAsInSource.sourceId',
      problem: /unknown source "nowhere"/,
    },
    {
      what: 'a duplicate event id',
      edit: (raw) => {
        event(raw, 2).id = 'shusha';
      },
      path: 'events[2].id',
      problem: /duplicate event id "shusha"/,
    },
    {
      what: '31 February',
      edit: (raw) => {
        event(raw, 1).date = { type: 'day', year: 1993, month: 2, day: 31 };
      },
      path: 'events[1].date',
      problem: /1993-2-31 is not a date/,
    },
    {
      what: '29 February in a year without one',
      edit: (raw) => {
        event(raw, 9).date = { type: 'night', year: 1993, month: 2, day: 29, nightStartsDay: 28 };
      },
      path: 'events[9].date',
      problem: /not a date/,
    },
    {
      what: 'a fractional figure',
      edit: (raw) => {
        (event(raw, 9).figures[0] as Json).value = 613.5;
      },
      path: 'events[9].figures[0].value',
      problem: /int/i,
    },
    {
      what: 'an unknown field (a typo)',
      edit: (raw) => {
        (event(raw, 3).figures[0] as Json).vlaue = 3054;
      },
      path: 'events[3].figures[0]',
      problem: /vlaue/,
    },
    {
      what: 'an event without figures',
      edit: (raw) => {
        event(raw, 4).figures = [];
      },
      path: 'events[4].figures',
      problem: /too small.*>=\s*1/i,
    },
  ];

  for (const { what, edit, path, problem } of cases) {
    it(`refuses ${what} at ${path}`, () => {
      const file = brokenCopy(edit);
      const error = rejection(file);
      expect(error.message).not.toContain('\n');
      expect(error.message).toContain(file);
      expect(error.message).toContain(` ${path}:`);
      expect(error.message).toMatch(problem);
    });
  }

  it('refuses a file that is not JSON, naming the file', () => {
    const file = join(dir, 'remembrance.json');
    writeFileSync(file, '{ "sources": [ oops');
    const error = rejection(file);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('refuses a missing file, naming it and what to do', () => {
    const file = join(dir, 'no-such-file.json');
    const error = rejection(file);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(file);
    expect(error.message).toContain('ENOENT');
    expect(error.message).toContain('DATASET_FILE');
  });

  it('refuses a folder given as the file', () => {
    const error = rejection(dir);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('EISDIR');
  });
});
