import { join } from 'node:path';
import { districtCommand } from '../commands/district.js';
import { renderReply } from '../src/discord/render/index.js';
import { startEmulator } from '../test/emulator/emulator.js';
import { commandContext, invocation } from '../test/render/command-context.js';
import { BenchClock, startBenchBot, textGuild } from './bot.js';
import { formatMs, type Row, type Section } from './report.js';
import { ids, loadScene, tempDir } from './scenario.js';
import { median, percentile, timed } from './stats.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
/** Exact names, other languages, misspellings, and a place that does not exist. */
const NAMES = [
  'Shusha',
  'Füzuli',
  'fizuli',
  'Kelbajar',
  'Кельбаджар',
  'Xocalı',
  'Zangilan',
  'Lachyn',
  'Paris',
  'Agdam',
];
/** What members type while the list narrows, from nothing to most of a name. */
const TYPED = ['', 'F', 'Физ', 'kel', 'sh', 'zangi', 'Qubad', 'xoc', 'ag', 'Lach'];
const IN_PROCESS_CALLS = 5_000;
const IN_PROCESS_WARMUP = 1_000;
const DISPATCHES = 300;
const DISPATCH_WARMUP = 20;

interface Percentiles {
  p50: number[];
  p99: number[];
}

const newPercentiles = (): Percentiles => ({ p50: [], p99: [] });

function record(into: Percentiles, durations: number[]): void {
  into.p50.push(percentile(durations, 50));
  into.p99.push(percentile(durations, 99));
}

async function timeEach(calls: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Commands: `/district` and its autocomplete, first as the handler alone (in-process, real dataset and name
 * index), then from the emulator's INTERACTION_CREATE to the callback arriving back at it, through the real
 * discord.js client, router and handler.
 */
export async function runCommands(options: { runs: number; log: (line: string) => void }): Promise<Section> {
  const { runs, log } = options;
  const scene = loadScene();
  const ctx = commandContext(scene.dataset, NOW);
  const execute = (i: number) =>
    districtCommand.execute(invocation({ name: NAMES[i % NAMES.length] as string }), ctx);
  const executeAndRender = async (i: number) => renderReply((await execute(i)).reply, 'en');
  const autocomplete = (i: number) => {
    const complete = districtCommand.autocomplete;
    if (!complete) throw new Error('/district has no autocomplete');
    return complete(
      { invocation: invocation(), focused: { name: 'name', value: TYPED[i % TYPED.length] as string } },
      ctx,
    );
  };

  const handler = newPercentiles();
  const rendered = newPercentiles();
  const completing = newPercentiles();
  const dispatchCommand = newPercentiles();
  const dispatchComplete = newPercentiles();

  await timeEach(IN_PROCESS_WARMUP, execute);
  await timeEach(IN_PROCESS_WARMUP, executeAndRender);
  await timeEach(IN_PROCESS_WARMUP, autocomplete);

  const emulator = await startEmulator({ guilds: [textGuild(0)], globalRateLimit: 50 });
  const dir = tempDir('commands');
  const bot = await startBenchBot(emulator, join(dir.path, 'bot.sqlite'), new BenchClock(NOW));
  const guildId = ids.guild(0);
  const channelId = ids.channel(0);
  const member = { id: ids.guild(999_999), locale: 'en-US' };
  const dispatch = async (i: number, kind: 'command' | 'autocomplete') => {
    const handle = await emulator.interact({
      type: kind,
      name: 'district',
      options: [
        kind === 'command'
          ? { name: 'name', type: 3, value: NAMES[i % NAMES.length] as string }
          : { name: 'name', type: 3, value: TYPED[i % TYPED.length] as string, focused: true },
      ],
      guildId,
      channelId,
      user: member,
      memberPermissions: '0',
    });
    const response = await handle.response();
    const expected = kind === 'command' ? 4 : 8;
    if (response.type !== expected) throw new Error(`/district ${kind} answered type ${response.type}`);
  };
  try {
    await timeEach(DISPATCH_WARMUP, (i) => dispatch(i, 'command'));
    await timeEach(DISPATCH_WARMUP, (i) => dispatch(i, 'autocomplete'));
    for (let run = 1; run <= runs; run++) {
      record(handler, await timeEach(IN_PROCESS_CALLS, execute));
      record(rendered, await timeEach(IN_PROCESS_CALLS, executeAndRender));
      record(completing, await timeEach(IN_PROCESS_CALLS, autocomplete));
      // Commands and autocompletes alternate, as members' typing and submitting do.
      const commandTimes: number[] = [];
      const completeTimes: number[] = [];
      for (let i = 0; i < DISPATCHES; i++) {
        commandTimes.push((await timed(() => dispatch(i, 'command'))).ms);
        completeTimes.push((await timed(() => dispatch(i, 'autocomplete'))).ms);
      }
      record(dispatchCommand, commandTimes);
      record(dispatchComplete, completeTimes);
      log(
        `commands run ${run}/${runs}: handler p99 ${formatMs(handler.p99.at(-1) as number)}, autocomplete p99 ` +
          `${formatMs(completing.p99.at(-1) as number)}, dispatch p50 ${formatMs(dispatchCommand.p50.at(-1) as number)}`,
      );
    }
    if (emulator.violations.length > 0) {
      throw new Error(`the emulator saw invalid requests: ${JSON.stringify(emulator.violations[0])}`);
    }
  } finally {
    await bot.stop();
    await emulator.close();
    dir.remove();
  }

  const inProcess = `${runs} × ${IN_PROCESS_CALLS.toLocaleString('en-US')} calls`;
  const dispatched = `${runs} × ${DISPATCHES} interactions`;
  const row = (measure: string, p: Percentiles, runsText: string, p99TargetMs?: number): Row => {
    const p99 = median(p.p99);
    return {
      benchmark: '2 Commands',
      measure: `${measure}, p50 / p99`,
      result: `${formatMs(median(p.p50))} / ${formatMs(p99)}`,
      runs: runsText,
      ...(p99TargetMs === undefined ? {} : { target: `p99 < ${p99TargetMs} ms`, met: p99 < p99TargetMs }),
    };
  };
  return {
    rows: [
      row('/district handler (in-process)', handler, inProcess, 1),
      row('/district autocomplete (in-process)', completing, inProcess, 1),
      row('/district handler + render to a payload (in-process)', rendered, inProcess),
      row('/district dispatch → callback (emulator)', dispatchCommand, dispatched),
      row('/district autocomplete dispatch → callback (emulator)', dispatchComplete, dispatched),
    ],
    notes: [
      `Commands: in-process = the command module's handler with the real dataset and name index (queries cycle through ${NAMES.length} names: exact, other scripts, misspelled, unknown; autocomplete through ${TYPED.length} partial inputs, including empty). Dispatch → callback = from emulator.interact() to the emulator receiving the interaction callback, through the real discord.js client, the bot's router (which reads the server's language from SQLite) and the handler; the emulator runs in the same process, so its JSON and HTTP work is included.`,
    ],
  };
}
