import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runBusyTick } from './busy-tick.js';
import { runCommands } from './commands.js';
import { runDelivery } from './delivery.js';
import { runDeliveryHosts } from './delivery-hosts.js';
import { runMemory } from './memory.js';
import { runPlanning } from './planning.js';
import { markdownTable, type Section } from './report.js';

/**
 * `npm run bench [-- --only planning,commands,delivery,delivery-pg,memory,busy-tick] [--runs N] [--out FILE]`
 * Runs the benchmarks, prints progress on stderr and the table (Markdown) on stdout.
 */

const BENCHMARKS = ['planning', 'commands', 'delivery', 'delivery-pg', 'memory', 'busy-tick'] as const;
type Benchmark = (typeof BENCHMARKS)[number];
/** Start-up is measured in the memory children; `startup` is accepted as another name for it. */
const ALIASES: Record<string, Benchmark> = {
  startup: 'memory',
  'start-up': 'memory',
  tick: 'busy-tick',
  hosts: 'delivery-pg',
  postgres: 'delivery-pg',
};
/** The benchmarks whose single run takes tens of seconds repeat at most this often. */
const MAX_SLOW_RUNS = 3;
const DEFAULT_RUNS = 5;

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench -- [--only ${BENCHMARKS.join(',')}] [--runs N] [--delivery-full-runs N] [--out FILE]\n`,
  );
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string' },
    'delivery-full-runs': { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const runs = Number(values.runs ?? DEFAULT_RUNS);
const fullRuns = Number(values['delivery-full-runs']);
if (!Number.isInteger(runs) || runs < 1) usage('--runs must be a whole number from 1');
if (!Number.isInteger(fullRuns) || fullRuns < 0) usage('--delivery-full-runs must be a whole number from 0');
const selected = new Set<Benchmark>(
  values.only === undefined
    ? BENCHMARKS
    : values.only.split(',').map((name) => {
        const key = name.trim().toLowerCase();
        const benchmark = ALIASES[key] ?? BENCHMARKS.find((b) => b === key);
        if (!benchmark) usage(`unknown benchmark "${name}"`);
        return benchmark;
      }),
);

const started = performance.now();
const log = (line: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const machine = [
  `date ${new Date().toISOString()}`,
  `node ${process.version}`,
  `${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`,
  `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
  `load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
].join('; ');
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
log(`${command}\n${machine}`);

const sections: Section[] = [];
const slowRuns = Math.min(runs, MAX_SLOW_RUNS);
if (selected.has('planning')) sections.push(await runPlanning({ runs, log }));
if (selected.has('commands')) sections.push(await runCommands({ runs, log }));
if (selected.has('delivery')) sections.push(await runDelivery({ smallRuns: slowRuns, fullRuns, log }));
if (selected.has('delivery-pg')) {
  // Three 5,000-server minutes (about 2 min each) per run: once unless --runs says otherwise.
  const hostRuns = values.runs === undefined ? 1 : slowRuns;
  sections.push(await runDeliveryHosts({ runs: hostRuns, log }));
}
if (selected.has('memory')) sections.push(await runMemory({ runs: slowRuns, log }));
if (selected.has('busy-tick')) sections.push(await runBusyTick({ runs: slowRuns, log }));

const totalSeconds = (performance.now() - started) / 1000;
const output = [
  `Command: \`${command}\``,
  `Machine: ${machine}; load average at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
  `Total time: ${Math.floor(totalSeconds / 60)} min ${Math.round(totalSeconds % 60)} s`,
  '',
  markdownTable(sections.flatMap((s) => s.rows)),
  '',
  ...sections.flatMap((s) => s.notes).map((note) => `- ${note}`),
  '',
].join('\n');
process.stdout.write(output);
if (values.out) writeFileSync(values.out, output);
