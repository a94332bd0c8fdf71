import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { exitOf, ROOT, type Spawned, spawnCommand } from '../e2e/process-support.js';
import { snowflake, useTempDir } from '../store/fixtures.js';

function cli(
  script: 'db-backup' | 'db-restore',
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Spawned {
  return spawnCommand(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src', `${script}.ts`), ...args],
    env,
    cwd,
  );
}

async function finished(child: Spawned): Promise<{ code: number | null; out: string; err: string }> {
  const code = await exitOf(child);
  return { code, out: child.out.join(''), err: child.err.join('') };
}

function rows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM guild_settings ORDER BY guild_id').all();
  } finally {
    db.close();
  }
}

// Each case starts several processes; on a loaded machine that alone can take seconds.
describe('db:backup and db:restore', { timeout: 90_000 }, () => {
  const temp = useTempDir();

  it('backs up while the bot writes, and restores into a fresh folder with every row intact', async () => {
    const source = path.join(temp.dir(), 'live', 'bot.sqlite');
    const database = await openDatabase({ kind: 'sqlite-file', path: source });
    const repo = new SettingsRepository(database.db);
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        written++;
        await repo.update(
          snowflake(1_000_000 + written),
          { channelId: snowflake(2_000_000 + written) },
          written,
        );
        await new Promise((r) => setImmediate(r));
      }
    })();
    try {
      while (written < 50) await new Promise((r) => setTimeout(r, 5));
      const before = written;
      const backup = cli(
        'db-backup',
        ['copy.sqlite'],
        { DATABASE_URL: `sqlite:${source}`, INIT_CWD: temp.dir() },
        ROOT,
      );
      const result = await finished(backup);
      const during = written - before;
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(
        /^Backed up .*bot\.sqlite to .*copy\.sqlite \(\d+ servers, 0 deliveries\)\.\n$/,
      );
      expect(during).toBeGreaterThan(0);
      writing = false;
      await writer;

      // A snapshot: the first K servers, each exactly as stored, for some K at least what existed at the start.
      const copy = path.join(temp.dir(), 'copy.sqlite');
      const copied = rows(copy) as { guild_id: string }[];
      expect(copied.length).toBeGreaterThanOrEqual(before);
      const live = rows(source).slice(0, copied.length);
      expect(copied).toEqual(live);

      const fresh = path.join(temp.dir(), 'fresh');
      mkdirSync(fresh);
      const restore = await finished(
        cli('db-restore', [copy], { DATABASE_URL: 'sqlite:var/bot.sqlite' }, fresh),
      );
      expect(restore.err).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.out).toMatch(/^Restored .*copy\.sqlite to .*fresh\/var\/bot\.sqlite \(\d+ servers/);
      const restored = path.join(fresh, 'var', 'bot.sqlite');
      expect(rows(restored)).toEqual(copied);
      const reopened = await openDatabase({ kind: 'sqlite-file', path: restored });
      expect(await new SettingsRepository(reopened.db).countConfigured()).toBe(copied.length);
      await reopened.close();
    } finally {
      writing = false;
      await writer;
      await database.close();
    }
  });

  it("refuses to restore over a database the bot has open, another application's file, or a newer schema", async () => {
    const live = path.join(temp.dir(), 'bot.sqlite');
    const database = await openDatabase({ kind: 'sqlite-file', path: live });
    await new SettingsRepository(database.db).update(snowflake(1), { channelId: snowflake(2) }, 1);
    const env = { DATABASE_URL: `sqlite:${live}`, INIT_CWD: temp.dir() };
    expect((await finished(cli('db-backup', ['good.sqlite'], env, ROOT))).code).toBe(0);

    const inUse = await finished(cli('db-restore', ['good.sqlite'], env, ROOT));
    expect(inUse.code).toBe(1);
    expect(inUse.err).toBe(
      `db:restore: The database at ${live} is in use (is the bot running?); stop the bot, then restore.\n`,
    );
    await database.close();

    const foreign = path.join(temp.dir(), 'shop.sqlite');
    const shop = new Database(foreign);
    shop.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY)');
    shop.close();
    const notOurs = await finished(cli('db-restore', ['shop.sqlite'], env, ROOT));
    expect(notOurs).toMatchObject({ code: 1, out: '' });
    expect(notOurs.err).toBe(
      `db:restore: ${foreign} is not a database of this bot (no schema_migrations of it).\n`,
    );

    const newer = path.join(temp.dir(), 'good.sqlite');
    const future = new Database(newer);
    future.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('9999-future', 0)").run();
    future.close();
    const tooNew = await finished(cli('db-restore', ['good.sqlite'], env, ROOT));
    expect(tooNew.err).toBe(
      `db:restore: ${newer} was written by a newer version of the bot (migration 9999-future); upgrade the bot first.\n`,
    );

    writeFileSync(path.join(temp.dir(), 'notes.txt'), 'not a database '.repeat(100));
    const text = await finished(cli('db-restore', ['notes.txt'], env, ROOT));
    expect(text.err).toMatch(/^db:restore: .*notes\.txt (cannot be opened as|is not an intact) [^\n]*\n$/);

    // Nothing refused touched the live database.
    expect(readdirSync(temp.dir()).filter((f) => f.includes('before-restore'))).toEqual([]);
    expect(rows(live)).toHaveLength(1);
  });

  it('refuses a backup over an existing file, and points PostgreSQL users to pg_dump', async () => {
    const live = path.join(temp.dir(), 'bot.sqlite');
    await (await openDatabase({ kind: 'sqlite-file', path: live })).close();
    writeFileSync(path.join(temp.dir(), 'taken.sqlite'), 'x');
    const exists = await finished(
      cli('db-backup', ['taken.sqlite'], { DATABASE_URL: `sqlite:${live}`, INIT_CWD: temp.dir() }, ROOT),
    );
    expect(exists.err).toBe(
      `db:backup: ${path.join(temp.dir(), 'taken.sqlite')} already exists; choose a new file name.\n`,
    );
    const usage = await finished(cli('db-backup', [], { DATABASE_URL: `sqlite:${live}` }, ROOT));
    expect(usage.err).toBe('db:backup: usage: npm run db:backup -- FILE\n');
    const postgres = await finished(
      cli(
        'db-backup',
        ['x.dump'],
        { DATABASE_URL: 'postgres://bot:secret@db/bot', INIT_CWD: temp.dir() },
        ROOT,
      ),
    );
    expect(postgres.err).toBe(
      'db:backup: DATABASE_URL is PostgreSQL: back it up with pg_dump and restore with pg_restore (see README, "Backups").\n',
    );
  });
});
