import { createLogger } from '../src/logger.js';
import { DueServers } from '../src/schedule/due-groups.js';
import { InvalidRequestGuard } from '../src/schedule/invalid-request-guard.js';
import type { NoticeSender } from '../src/schedule/notice-port.js';
import { Scheduler } from '../src/schedule/scheduler.js';
import { type OpenedDatabase, openDatabase } from '../src/store/database.js';
import { DeliveryLedger } from '../src/store/delivery-ledger.js';
import { SettingsRepository, type ShardSelection } from '../src/store/settings-repository.js';
import { DUE_AT, type Scene } from './scenario.js';

/** Discord answering every post at once: the tick then costs only the bot's own work. */
export function instantSender(): NoticeSender {
  let n = 0;
  return {
    inGuild: () => true,
    send: async () => ({ ok: true, messageId: String(1_400_000_000_000_000_000n + BigInt(n++)) }),
    findPosted: () => Promise.reject(new Error('the tick benchmark must not read back')),
  };
}

/** The real scheduler and repository on a seeded file, with the clock standing at DUE_AT. */
export async function openTickStore(scene: Scene, file: string, shards?: ShardSelection) {
  const now = () => DUE_AT;
  const opened: OpenedDatabase = await openDatabase({ kind: 'sqlite-file', path: file }, { now });
  const repo = new SettingsRepository(opened.db);
  const scheduler = new Scheduler({
    dataset: scene.dataset,
    settings: repo,
    ledger: new DeliveryLedger(opened.db),
    sender: instantSender(),
    guard: new InvalidRequestGuard(now),
    now,
    logger: createLogger({ level: 'silent' }),
    owner: `bench-${process.pid}`,
    shards,
    pause: () => Promise.reject(new Error('the busy-tick benchmark must not pause servers')),
  });
  /** The tick's planning alone: every due server with its plan, as the workers would take them. */
  const planAll = async () => {
    const due = new DueServers(repo, scene.events, DUE_AT, undefined);
    let servers = 0;
    let deliveries = 0;
    for (let job = await due.next(); job; job = await due.next()) {
      servers++;
      deliveries += job.planned.length;
    }
    return { servers, deliveries, plans: due.plans };
  };
  return { opened, repo, scheduler, planAll };
}
