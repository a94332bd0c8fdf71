import { randomBytes } from 'node:crypto';
import { type Client, DiscordAPIError, type Interaction, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, parseMultipart } from './attachments.js';
import { loginClient, sampleGuild } from './client-harness.js';
import { type Emulator, startEmulator } from './emulator.js';

const GUILD = '1100000000000000000';
const TEXT = '1100000000000001001';
const USER = '1100000000000003001';
const NO_MENTIONS = { parse: [] };

let emulator: Emulator | undefined;
let client: Client<true> | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function setup(handler: (i: Interaction) => Promise<unknown>) {
  emulator = await startEmulator({ guilds: [sampleGuild(GUILD)] });
  client = await loginClient(emulator);
  const errors: unknown[] = [];
  client.on('interactionCreate', (i) => {
    handler(i).catch((e: unknown) => errors.push(e));
  });
  const run = () =>
    (emulator as Emulator).interact({
      type: 'command',
      name: 'files',
      guildId: GUILD,
      channelId: TEXT,
      user: { id: USER },
    });
  return { em: emulator, errors, run };
}

describe('multipart bodies', () => {
  it('keeps every byte of a file, even ones that look like a boundary', async () => {
    const form = new FormData();
    const data = Buffer.concat([Buffer.from('\r\n--x\r\n\r\n'), randomBytes(4096)]);
    form.append('files[0]', new Blob([data]), 'a.bin');
    form.append('payload_json', JSON.stringify({ content: 'ə ş ğ ı Шуша' }));
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const raw = Buffer.from(await request.arrayBuffer());
    const parsed = parseMultipart(raw, request.headers.get('content-type') ?? '');
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]?.filename).toBe('a.bin');
    expect(parsed.files[0]?.data.equals(data)).toBe(true);
    expect(JSON.parse(parsed.fields.get('payload_json') ?? '')).toEqual({ content: 'ə ş ğ ı Шуша' });
  });
});

describe('attachments through the real discord.js client', () => {
  it('a reply with files stores their names, sizes and bytes, named by the message', async () => {
    const ics = Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const png = randomBytes(2048);
    const { em, errors, run } = await setup(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({
        content: 'files',
        allowedMentions: NO_MENTIONS,
        files: [
          { attachment: ics, name: 'a.ics' },
          { attachment: png, name: 'b.png', description: 'alt text' },
        ],
      });
    });
    const handle = await run();
    const body = await handle.final();
    expect(body.attachments).toEqual([{ id: '0' }, { id: '1', description: 'alt text' }]);
    const stored = handle.attachments();
    expect(stored.map((a) => [a.filename, a.size, a.contentType])).toEqual([
      ['a.ics', ics.length, 'text/calendar; charset=utf-8'],
      ['b.png', png.length, 'image/png'],
    ]);
    expect(stored[0]?.data.equals(ics)).toBe(true);
    expect(stored[1]?.data.equals(png)).toBe(true);
    expect(stored[1]?.description).toBe('alt text');
    const request = em.requests.find((r) => r.route === 'POST /interactions/:id/:token/callback');
    expect(request?.files?.map((f) => f.field)).toEqual(['files[0]', 'files[1]']);
    expect(errors).toEqual([]);
    expect(em.violations).toEqual([]);
  });

  it('a deferred reply edited with a file, and a follow-up with one', async () => {
    const data = randomBytes(100);
    let followUpAttachments: unknown;
    const { em, errors, run } = await setup(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ content: 'edited', files: [{ attachment: data, name: 'edit.bin' }] });
      const message = await i.followUp({
        content: 'more',
        allowedMentions: NO_MENTIONS,
        files: [{ attachment: data, name: 'more.bin' }],
      });
      followUpAttachments = [...message.attachments.values()].map((a) => [a.name, a.size]);
    });
    const handle = await run();
    await handle.final();
    await em.waitFor(() => followUpAttachments);
    expect(handle.attachments().map((a) => a.filename)).toEqual(['edit.bin']);
    expect(handle.attachments()[0]?.data.equals(data)).toBe(true);
    expect(followUpAttachments).toEqual([['more.bin', 100]]);
    expect(errors).toEqual([]);
    expect(em.violations).toEqual([]);
  });

  it('more than 10 MiB in all is refused as Discord refuses it: 413, code 40005', async () => {
    const half = Buffer.alloc(MAX_UPLOAD_BYTES / 2 + 1);
    const { run, errors, em } = await setup(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({
        content: 'too big',
        allowedMentions: NO_MENTIONS,
        files: [
          { attachment: half, name: 'a.bin' },
          { attachment: half, name: 'b.bin' },
        ],
      });
    });
    await run();
    const error = await em.waitFor(() => errors[0]);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(413);
    expect((error as DiscordAPIError).code).toBe(40005);
  });

  it('more than 10 files are refused (50035), and so is a payload_json the schema rejects', async () => {
    const { errors, em } = await setup(async (i) => {
      if (!i.isChatInputCommand()) return;
      const files = Array.from({ length: 11 }, (_, n) => ({
        attachment: Buffer.from([n]),
        name: `${n}.bin`,
      }));
      if (i.options.getString('case') === 'schema') {
        await i.reply({
          embeds: [{ title: 'x'.repeat(300) }],
          allowedMentions: NO_MENTIONS,
          files: files.slice(0, 1),
        });
      } else await i.reply({ content: 'many', allowedMentions: NO_MENTIONS, files });
    });
    for (const value of ['count', 'schema']) {
      await em.interact({
        type: 'command',
        name: 'files',
        options: [{ name: 'case', type: 3, value }],
        guildId: GUILD,
        channelId: TEXT,
        user: { id: USER },
      });
    }
    await em.waitFor(() => errors.length === 2);
    const codes = errors.map((e) => (e as DiscordAPIError).code);
    expect(codes).toEqual([50035, 50035]);
    expect(em.violations).toHaveLength(2);
    expect(em.violations[0]?.message).toContain('"attachments":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH"');
    expect(em.violations[1]?.message).toContain('title');
  });
});
