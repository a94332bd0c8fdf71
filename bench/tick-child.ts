import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadScene } from './scenario.js';
import { openTickStore } from './tick-store.js';

/**
 * One process's busy tick over a shared SQLite file, for the busy-tick benchmark's "several processes" row.
 * Usage: node --import tsx bench/tick-child.ts FILE SHARD_ID SHARD_COUNT; waits for a line on stdin to start,
 * prints one JSON line: { ms, stallMs, posted }.
 */
const [file, id, count] = process.argv.slice(2);
const store = await openTickStore(loadScene(), file as string, { ids: [Number(id)], count: Number(count) });
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
const t0 = performance.now();
const summary = await store.scheduler.tick();
const ms = performance.now() - t0;
histogram.disable();
await store.opened.close();
process.stdout.write(`${JSON.stringify({ ms, stallMs: histogram.max / 1e6, posted: summary.posted })}\n`);
process.exit(0);
