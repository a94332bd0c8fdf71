// A separate process racing for deliveries: opens the database, prints "ready", waits for a line on
// stdin, claims every key at once, prints the keys it won as JSON. Run by claim-race.test.ts via tsx.
import { once } from 'node:events';
import { openDatabase } from '../../src/store/database.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';

const [url, owner, count, now] = process.argv.slice(2);
if (url === undefined || owner === undefined || count === undefined || now === undefined) {
  throw new Error('usage: claim-race-worker <DATABASE_URL> <owner> <keyCount> <now>');
}
const { db, close } = await openDatabase(parseDatabaseUrl(url, process.cwd()));
const ledger = new DeliveryLedger(db);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    ledger.claim(
      { guildId: String(1_000 + i), eventId: 'race', year: 2026 },
      { owner, now: Number(now), dueAt: 0, staleAfterMs: 60_000 },
    ),
  ),
);
process.stdout.write(`${JSON.stringify(results.filter((r) => r.claimed).map((r) => r.delivery.guildId))}\n`);
await close();
process.stdin.destroy();
