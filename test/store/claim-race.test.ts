import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/store/database.js';
import type { DatabaseUrl } from '../../src/store/database-url.js';
import type { DeliveryKey } from '../../src/store/delivery.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import type { Schema } from '../../src/store/schema.js';
import { STORE_KINDS, useStore } from './stores.js';

const KEY: DeliveryKey = { guildId: '4194304', eventId: 'khojaly', year: 2026 };
const STALE = 60_000;

describe.each(STORE_KINDS)('two schedulers racing for the same delivery on %s', (kind) => {
  const store = useStore(kind);
  let first: OpenedDatabase;
  let second: OpenedDatabase;

  beforeEach(async () => {
    first = { db: store.db(), close: async () => undefined };
    second = await store.openAnother();
  });

  async function claimAll(now: number, connections: Kysely<Schema>[], count: number) {
    const ledgers = connections.map((db) => new DeliveryLedger(db));
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        (ledgers[i % ledgers.length] as DeliveryLedger).claim(KEY, {
          owner: `scheduler-${i}`,
          now,
          dueAt: 0,
          staleAfterMs: STALE,
        }),
      ),
    );
  }

  it('lets exactly one of two connections win', async () => {
    const results = await claimAll(1_000, [first.db, second.db], 2);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });

  it('lets exactly one of twenty parallel claims win, and the losers see the winner', async () => {
    const results = await claimAll(1_000, [first.db, second.db], 20);
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    const owner = winners[0]?.delivery.claimedBy;
    for (const r of results)
      expect(r.delivery).toMatchObject({ status: 'claimed', claimedBy: owner, attempts: 1 });
  });

  it('lets exactly one of twenty take over a stale claim', async () => {
    await new DeliveryLedger(first.db).claim(KEY, {
      owner: 'crashed',
      now: 0,
      dueAt: 0,
      staleAfterMs: STALE,
    });
    const results = await claimAll(STALE + 1, [first.db, second.db], 20);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(await new DeliveryLedger(second.db).get(KEY)).toMatchObject({ attempts: 2, claimedAt: STALE + 1 });
  });

  it('lets exactly one process win each delivery when four processes race', async () => {
    const keys = 300;
    const workers = ['w0', 'w1', 'w2', 'w3'].map((owner) => startWorker(urlText(store.url()), owner, keys));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin?.write('go\n');
    const won = await Promise.all(workers.map((w) => w.result));

    const all = won.flat();
    expect(all).toHaveLength(keys);
    expect(new Set(all).size).toBe(keys);
    const rows = await first.db
      .selectFrom('deliveries')
      .select(['guild_id', 'claimed_by', 'attempts'])
      .execute();
    expect(rows).toHaveLength(keys);
    for (const [i, ids] of won.entries()) {
      for (const id of ids) {
        expect(rows.find((r) => r.guild_id === id)).toEqual({
          guild_id: id,
          claimed_by: `w${i}`,
          attempts: 1,
        });
      }
    }
  });
});

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = path.join(ROOT, 'test/store/claim-race-worker.ts');

/** The URL a worker process is given: the test's database, as DATABASE_URL would name it. */
function urlText(url: DatabaseUrl): string {
  if (url.kind === 'sqlite-file') return `sqlite:${url.path}`;
  if (url.kind === 'postgres') {
    const password = encodeURIComponent(url.password ?? '');
    return `postgres://${encodeURIComponent(url.user)}:${password}@${url.host}:${url.port}/${url.database}`;
  }
  throw new Error('workers need a database they can share');
}

function startWorker(url: string, owner: string, keys: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', WORKER, url, owner, String(keys), '1000'],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) resolve();
    });
    child.on('exit', () => reject(new Error(`worker ${owner} exited before it was ready: ${stderr}`)));
  });
  const result = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker ${owner} exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.slice('ready\n'.length)) as string[]);
    });
  });
  return { child, ready, result };
}
