import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGuild } from './client-harness.js';
import { type Emulator, startEmulator } from './emulator.js';

const GUILD = '1100000000000000000';
const NOW = Date.parse('2027-08-15T12:00:00Z');
const VIEW_SEND_EMBED = 1024n | 2048n | 16384n;
const CREATE_EVENTS = 1n << 44n;
const MANAGE_EVENTS = 1n << 33n;

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setup(permissions: bigint) {
  const base = sampleGuild(GUILD);
  emulator = await startEmulator({
    now: () => NOW,
    guilds: [
      {
        ...base,
        roles: base.roles.map((r) => (r.id === GUILD ? { ...r, permissions: permissions.toString() } : r)),
      },
    ],
  });
  const rest = new REST({ api: emulator.apiUrl, retries: 0 }).setToken(emulator.token);
  return { em: emulator, rest };
}

const event = (over: Record<string, unknown> = {}) => ({
  name: 'Fizuli: the 34th anniversary of its occupation',
  description: 'Figures and sources\nremembrance:1:fizuli:2027',
  scheduled_start_time: '2027-08-23T05:00:00.000Z',
  scheduled_end_time: '2027-08-23T20:00:00.000Z',
  privacy_level: 2,
  entity_type: 3,
  entity_metadata: { location: '#general' },
  ...over,
});

async function refusal(p: Promise<unknown>): Promise<{ status: number; code: number | string }> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  const { status, code } = error as DiscordAPIError;
  return { status, code };
}

describe('guild scheduled events, as Discord serves them', () => {
  it('creates, lists, edits and deletes an external event with Create Events', async () => {
    const { em, rest } = await setup(VIEW_SEND_EMBED | CREATE_EVENTS);
    const created = (await rest.post(Routes.guildScheduledEvents(GUILD), { body: event() })) as {
      id: string;
      creator_id: string;
      status: number;
    };
    expect(created).toMatchObject({ creator_id: em.botUserId, status: 1 });
    const listed = (await rest.get(Routes.guildScheduledEvents(GUILD))) as Array<{ id: string }>;
    expect(listed.map((e) => e.id)).toEqual([created.id]);
    await rest.patch(Routes.guildScheduledEvent(GUILD, created.id), {
      body: { scheduled_start_time: '2027-08-23T06:00:00.000Z' },
    });
    expect(em.scheduledEvents(GUILD)[0]?.scheduled_start_time).toBe('2027-08-23T06:00:00.000Z');
    await rest.delete(Routes.guildScheduledEvent(GUILD, created.id));
    expect(em.scheduledEvents(GUILD)).toEqual([]);
    expect(await refusal(rest.delete(Routes.guildScheduledEvent(GUILD, created.id)))).toEqual({
      status: 404,
      code: 10070,
    });
    expect(em.violations).toEqual([]);
  });

  it('refuses without Create Events (403 / 50013), and another member’s event without Manage Events', async () => {
    const { em, rest } = await setup(VIEW_SEND_EMBED);
    expect(await refusal(rest.post(Routes.guildScheduledEvents(GUILD), { body: event() }))).toEqual({
      status: 403,
      code: 50013,
    });
    em.setRolePermissions(GUILD, GUILD, (VIEW_SEND_EMBED | CREATE_EVENTS).toString());
    const theirs = em.addScheduledEventAs('1100000000000003001', GUILD, event());
    expect(await refusal(rest.delete(Routes.guildScheduledEvent(GUILD, theirs.id)))).toEqual({
      status: 403,
      code: 50013,
    });
    em.setRolePermissions(GUILD, GUILD, (VIEW_SEND_EMBED | MANAGE_EVENTS).toString());
    await rest.delete(Routes.guildScheduledEvent(GUILD, theirs.id));
    expect(em.scheduledEvents()).toEqual([]);
  });

  it('checks the payload against the spec and Discord’s rules (lengths, location, end, past start)', async () => {
    const { em, rest } = await setup(VIEW_SEND_EMBED | CREATE_EVENTS);
    const bad = [
      event({ name: 'x'.repeat(101) }),
      event({ description: 'x'.repeat(1001) }),
      event({ entity_metadata: { location: 'x'.repeat(101) } }),
      event({ entity_metadata: {} }),
      event({ scheduled_end_time: undefined }),
      event({ scheduled_start_time: '2027-08-01T00:00:00.000Z' }),
      event({ scheduled_end_time: '2027-08-23T04:00:00.000Z' }),
      event({ entity_type: 2 }),
    ];
    for (const body of bad) {
      expect(await refusal(rest.post(Routes.guildScheduledEvents(GUILD), { body }))).toEqual({
        status: 400,
        code: 50035,
      });
    }
    expect(em.violations).toHaveLength(bad.length);
    expect(em.scheduledEvents()).toEqual([]);
  });

  it('holds an edit to the same limits (name 100, description 1000), and changes nothing when refusing', async () => {
    const { em, rest } = await setup(VIEW_SEND_EMBED | CREATE_EVENTS);
    const created = (await rest.post(Routes.guildScheduledEvents(GUILD), { body: event() })) as {
      id: string;
    };
    for (const body of [{ name: 'x'.repeat(101) }, { description: 'x'.repeat(1001) }, { name: '' }]) {
      expect(await refusal(rest.patch(Routes.guildScheduledEvent(GUILD, created.id), { body }))).toEqual({
        status: 400,
        code: 50035,
      });
    }
    expect(em.scheduledEvents(GUILD)[0]).toMatchObject({
      name: event().name,
      description: event().description,
    });
    // At the limits exactly, it is taken.
    await rest.patch(Routes.guildScheduledEvent(GUILD, created.id), {
      body: { name: 'x'.repeat(100), description: 'x'.repeat(1000) },
    });
    expect(em.scheduledEvents(GUILD)[0]?.description).toHaveLength(1000);
    expect(em.violations).toHaveLength(3);
  });

  it('allows 100 scheduled or active events per server, then answers 30038', async () => {
    const { em, rest } = await setup(VIEW_SEND_EMBED | CREATE_EVENTS);
    for (let i = 0; i < 100; i++) em.addScheduledEventAs('1100000000000003001', GUILD, event());
    expect(await refusal(rest.post(Routes.guildScheduledEvents(GUILD), { body: event() }))).toEqual({
      status: 400,
      code: 30038,
    });
    expect(em.scheduledEvents()).toHaveLength(100);
  });
});
