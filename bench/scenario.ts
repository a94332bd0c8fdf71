import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { loadDataset } from '../src/config/dataset-file.js';
import { projectRoot } from '../src/config/project-root.js';
import { type Dataset, eventsWithDay } from '../src/domain/dataset.js';
import { type DatedEvent, nextDueAt } from '../src/schedule/planner.js';

/** The shared scene of the planning and delivery benchmarks: who is due when, with real zones and ids. */

/** Shusha's 35th anniversary at 09:00 in Baku (05:00Z): the minute the "due" servers post. */
export const DUE_AT = Date.parse('2027-05-08T05:00:00Z');
const MINUTE = 60_000;

/** Zones where 05:00Z on 8 May 2027 is still 8 May, so a post time there can fall on DUE_AT. */
const DUE_ZONES = [
  'Asia/Baku',
  'Europe/London',
  'UTC',
  'Europe/Berlin',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Asia/Dubai',
  'Asia/Tbilisi',
  'Asia/Tashkent',
  'Europe/Kyiv',
  'America/New_York',
  'Asia/Tokyo',
];

/** Every zone a server may use, with half- and quarter-hour offsets and both hemispheres. */
const ALL_ZONES = [
  ...DUE_ZONES,
  'America/Los_Angeles',
  'America/Chicago',
  'America/Sao_Paulo',
  'America/Toronto',
  'Europe/Paris',
  'Europe/Warsaw',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Shanghai',
  'Asia/Almaty',
  'Australia/Sydney',
  'Australia/Adelaide',
  'Pacific/Auckland',
  'Africa/Cairo',
];

export interface Scene {
  dataset: Dataset;
  events: DatedEvent[];
}

export function loadScene(): Scene {
  const dataset = loadDataset(resolve(projectRoot(), 'data/remembrance.json'));
  return { dataset, events: eventsWithDay(dataset) };
}

/** A real-looking snowflake (19 digits) whose timestamp part is `offsetMs` after mid-2024; unique per offset. */
export function snowflake(offsetMs: number): string {
  return ((300_000_000_000n + BigInt(offsetMs)) << 22n).toString();
}

/** Ids of the n-th server and of its channels and roles, disjoint from one another. */
export const ids = {
  guild: (i: number) => snowflake(i),
  channel: (i: number, j = 0) => snowflake(100_000_000 + i * 64 + j),
  role: (i: number, j: number) => snowflake(200_000_000 + i * 64 + j),
};

/** One row of guild_settings as the bench seeds it. */
export interface SeedRow {
  guildId: string;
  channelId: string;
  timeZone: string;
  postTime: string;
  nextDueAt: number;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run seeds the same servers. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HHMM = (hour: number, minute: number) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** Planner results by zone, time and instant, shared by every call on the same scene. */
const plans = new WeakMap<Scene, Map<string, number | null>>();

/**
 * Settings rows for `count` servers, of which the first `dueCount` are due at exactly {@link DUE_AT} (their
 * post time is DUE_AT's local time in their zone) and the others have nothing due in [DUE_AT − 2 min, DUE_AT].
 * Every next_due_at comes from the real planner; servers sharing zone and time share the computation.
 */
export function settingsRows(scene: Scene, count: number, dueCount: number, seed = 1): SeedRow[] {
  const memo = plans.get(scene) ?? new Map<string, number | null>();
  plans.set(scene, memo);
  const plan = (timeZone: string, postTime: string, after: number) => {
    const key = `${timeZone}|${postTime}|${after}`;
    if (!memo.has(key)) {
      const [hour, minute] = postTime.split(':').map(Number) as [number, number];
      const settings = {
        guildId: '0',
        timeZone,
        postTime: { hour, minute },
        disabledEvents: [],
        reminderDays: 0,
        nextDueAt: null,
      };
      memo.set(key, nextDueAt(settings, scene.events, after));
    }
    return memo.get(key) ?? null;
  };
  const next = random(seed);
  const rows: SeedRow[] = [];
  for (let i = 0; i < count; i++) {
    const guildId = ids.guild(i);
    const channelId = ids.channel(i);
    if (i < dueCount) {
      const timeZone = DUE_ZONES[i % DUE_ZONES.length] as string;
      const local = DateTime.fromMillis(DUE_AT, { zone: timeZone });
      const postTime = HHMM(local.hour, local.minute);
      const due = plan(timeZone, postTime, DUE_AT - MINUTE);
      if (due !== DUE_AT) throw new Error(`bench scene: ${timeZone} ${postTime} is not due at DUE_AT`);
      rows.push({ guildId, channelId, timeZone, postTime, nextDueAt: due });
      continue;
    }
    const timeZone = ALL_ZONES[Math.floor(next() * ALL_ZONES.length)] as string;
    // Quarter hours: 96 times × 26 zones keep the distinct planner computations to a few thousand.
    let slot = Math.floor(next() * 96);
    for (;;) {
      const postTime = HHMM(Math.floor(slot / 4), (slot % 4) * 15);
      const due = plan(timeZone, postTime, DUE_AT - 2 * MINUTE);
      if (due !== null && due > DUE_AT) {
        rows.push({ guildId, channelId, timeZone, postTime, nextDueAt: due });
        break;
      }
      slot = (slot + 1) % 96;
    }
  }
  return rows;
}

/** A temporary folder removed by `remove()`. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `remembrance-bench-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
