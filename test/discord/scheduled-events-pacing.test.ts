import path from 'node:path';
import { type Client, REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { DiscordScheduledEvents } from '../../src/discord/scheduled-events.js';
import { SendPacer } from '../../src/discord/send-pacer.js';
import { occurrenceIn } from '../../src/domain/anniversary.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { noticeFor } from '../../src/domain/notice.js';
import { eventMarker } from '../../src/schedule/events-tab-plan.js';
import type { EventDraft } from '../../src/schedule/events-tab-port.js';
import { InvalidRequestGuard } from '../../src/schedule/invalid-request-guard.js';
import { sampleGuild } from '../emulator/client-harness.js';
import { type Emulator, startEmulator } from '../emulator/emulator.js';

const GUILD = '1100000000000000000';
const NOW = Date.parse('2027-08-15T12:00:00Z');
const CREATE_EVENTS = 1n << 44n;
const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));

/** The process's pacer, holding every turn until the test lets it go. */
class GatedPacer extends SendPacer {
  waiting = 0;
  private release: Array<() => void> = [];
  override acquire(): Promise<void> {
    this.waiting++;
    return new Promise((resolve) => this.release.push(resolve));
  }
  next(): void {
    this.waiting--;
    this.release.shift()?.();
  }
}

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setup(pacer: SendPacer, timeoutMs?: number) {
  const base = sampleGuild(GUILD);
  emulator = await startEmulator({
    now: () => NOW,
    guilds: [
      {
        ...base,
        roles: base.roles.map((r) => (r.id === GUILD ? { ...r, permissions: CREATE_EVENTS.toString() } : r)),
      },
    ],
  });
  const rest = new REST({ api: emulator.apiUrl, retries: 0 }).setToken(emulator.token);
  // What the adapter reads of the gateway client: the bot's user and the channel cache (no channel here).
  const client = {
    user: { id: emulator.botUserId, username: 'Remembrance' },
    channels: { cache: new Map() },
  } as unknown as Client;
  const guard = new InvalidRequestGuard(() => NOW);
  return new DiscordScheduledEvents(client, rest, guard, pacer, timeoutMs);
}

function draft(): EventDraft {
  const event = eventsWithDay(dataset)[0];
  if (!event) throw new Error('no event');
  const occurrence = occurrenceIn(event.date, 2028, { hour: 9, minute: 0 }, 'Asia/Baku');
  return {
    notice: noticeFor(dataset, event, occurrence, { guildId: GUILD, roleId: null, preview: false }),
    language: 'en',
    startsAt: occurrence.at,
    endsAt: occurrence.at + 3_600_000,
    channelId: null,
    marker: eventMarker(GUILD, event.id, 2028),
  };
}

const eventRequests = () => (emulator?.requests ?? []).filter((r) => r.path.includes('scheduled-events'));

describe('the Events tab’s requests take their turn in the send pacer', () => {
  it('sends nothing to Discord until the pacer gives each request its turn: list, create, edit, delete', async () => {
    const pacer = new GatedPacer();
    const port = await setup(pacer);
    const flush = () => new Promise((r) => setTimeout(r, 50));

    const listing = port.list(GUILD);
    await flush();
    expect(pacer.waiting).toBe(1);
    expect(eventRequests()).toHaveLength(0);
    pacer.next();
    expect(await listing).toMatchObject({ ok: true, own: [], active: 0 });

    const creating = port.create(GUILD, draft());
    await flush();
    expect(eventRequests().map((r) => r.method)).toEqual(['GET']);
    pacer.next();
    const created = await creating;
    if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`);

    const editing = port.edit(GUILD, created.id, draft());
    await flush();
    expect(eventRequests().map((r) => r.method)).toEqual(['GET', 'POST']);
    pacer.next();
    expect(await editing).toEqual({ ok: true });

    const removing = port.remove(GUILD, created.id);
    await flush();
    expect(eventRequests().map((r) => r.method)).toEqual(['GET', 'POST', 'PATCH']);
    pacer.next();
    expect(await removing).toEqual({ ok: true });
    expect(eventRequests().map((r) => r.method)).toEqual(['GET', 'POST', 'PATCH', 'DELETE']);
  });

  it('gives up a create still waiting for its turn when its time is up, without sending it', async () => {
    const pacer = new GatedPacer();
    const port = await setup(pacer, 200);
    const outcome = await port.create(GUILD, draft());
    // Nothing reached Discord; the job treats it as unknown and looks for its marker before creating again.
    expect(outcome).toMatchObject({ ok: false, kind: 'uncertain' });
    expect(eventRequests()).toHaveLength(0);
    // Its turn, when it comes, sends nothing either.
    pacer.next();
    await new Promise((r) => setTimeout(r, 50));
    expect(eventRequests()).toHaveLength(0);
  });
});
