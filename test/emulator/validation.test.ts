import { EmbedBuilder, PermissionFlagsBits as P, SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { validateCommandList } from './command-validation.js';
import { ApiError } from './errors.js';
import { ALL_PERMISSIONS, channelPermissions } from './permissions.js';
import { createSnowflakes, isSnowflake, shardOf } from './snowflake.js';
import { validateCallback, validateMessageCreate } from './validation.js';

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof ApiError) return e.code;
    throw e;
  }
}

describe('message checks', () => {
  it('accepts what EmbedBuilder produces', () => {
    const embed = new EmbedBuilder()
      .setTitle('29 October')
      .setDescription('Remembered')
      .addFields({ name: 'Figure', value: '1,000', inline: true })
      .setFooter({ text: 'Source' })
      .setTimestamp(new Date('2028-10-29T01:30:00Z'))
      .setColor(0x334455)
      .toJSON();
    expect(
      codeOf(() => validateMessageCreate({ embeds: [embed], allowed_mentions: { parse: [] } })),
    ).toBeUndefined();
  });

  it('enforces the limits the schema leaves out', () => {
    expect(codeOf(() => validateMessageCreate({ content: 'x'.repeat(2001) }))).toBe(50035);
    expect(codeOf(() => validateMessageCreate({ content: 'x'.repeat(2000) }))).toBeUndefined();
    expect(codeOf(() => validateMessageCreate({ embeds: [{ fields: [{ name: '', value: 'v' }] }] }))).toBe(
      50035,
    );
    const third = { description: 'd'.repeat(2001) };
    expect(codeOf(() => validateMessageCreate({ embeds: [third, third, third] }))).toBe(50035);
    expect(
      codeOf(() => validateMessageCreate({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })),
    ).toBe(50035);
    expect(
      codeOf(() =>
        validateMessageCreate({ content: 'x', allowed_mentions: { parse: ['roles'], roles: ['1'] } }),
      ),
    ).toBe(50035);
    expect(codeOf(() => validateMessageCreate({ content: '' }))).toBe(50006);
    expect(codeOf(() => validateMessageCreate({ embeds: [] }))).toBe(50006);
  });

  it('checks interaction callbacks by type', () => {
    const choices = (n: number, name = 'n', value = 'v') =>
      Array.from({ length: n }, () => ({ name, value }));
    expect(codeOf(() => validateCallback({ type: 8, data: { choices: choices(25) } }))).toBeUndefined();
    expect(codeOf(() => validateCallback({ type: 8, data: { choices: choices(26) } }))).toBe(50035);
    expect(codeOf(() => validateCallback({ type: 8, data: { choices: choices(1, '') } }))).toBe(50035);
    expect(
      codeOf(() => validateCallback({ type: 8, data: { choices: choices(1, 'n', 'v'.repeat(101)) } })),
    ).toBe(50035);
    expect(codeOf(() => validateCallback({ type: 4, data: { content: 'x'.repeat(2001) } }))).toBe(50035);
    expect(codeOf(() => validateCallback({ type: 4, data: {} }))).toBe(50006);
    expect(codeOf(() => validateCallback({ type: 5, data: { flags: 64 } }))).toBeUndefined();
    expect(codeOf(() => validateCallback({ type: 42 }))).toBe(50035);
  });
});

describe('command checks', () => {
  const ok = (c: Record<string, unknown>) => codeOf(() => validateCommandList([c]));

  it('accepts builder output, localized and non-Latin names, and context menu names', () => {
    const built = new SlashCommandBuilder()
      .setName('anniversary')
      .setDescription('d')
      .setNameLocalizations({ ru: 'годовщина', hi: 'वर्षगांठ' })
      .setDefaultMemberPermissions(P.ManageGuild)
      .addStringOption((o) => o.setName('event').setDescription('e').setRequired(true))
      .addIntegerOption((o) => o.setName('year').setDescription('y').setMinValue(1900));
    expect(ok(built.toJSON() as never)).toBeUndefined();
    expect(ok({ name: 'день', description: 'd' })).toBeUndefined();
    expect(ok({ name: 'Show Profile', type: 2 })).toBeUndefined();
  });

  it('rejects what Discord rejects', () => {
    expect(ok({ name: 'Ping', description: 'd' })).toBe(50035);
    expect(ok({ name: 'two words', description: 'd' })).toBe(50035);
    expect(ok({ name: 'ping', description: '' })).toBe(50035);
    expect(ok({ name: 'ping', description: 'd'.repeat(101) })).toBe(50035);
    const option = (i: number, required = false) => ({ type: 3, name: `o${i}`, description: 'd', required });
    expect(
      ok({ name: 'ping', description: 'd', options: Array.from({ length: 26 }, (_, i) => option(i)) }),
    ).toBe(50035);
    expect(ok({ name: 'ping', description: 'd', options: [option(1), option(2, true)] })).toBe(50035);
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` }));
    expect(ok({ name: 'ping', description: 'd', options: [{ ...option(1), choices }] })).toBe(50035);
    const long = 'x'.repeat(100);
    const many = Array.from({ length: 25 }, (_, i) => ({
      ...option(i),
      description: long,
      choices: choices.slice(0, 25).map((c) => ({ ...c, name: long, value: long })),
    }));
    expect(ok({ name: 'ping', description: 'd', options: many })).toBe(50035);
    expect(
      codeOf(() =>
        validateCommandList([
          { name: 'a', description: 'd' },
          { name: 'a', description: 'd' },
        ]),
      ),
    ).toBe(50035);
    expect(codeOf(() => validateCommandList({ name: 'a' }))).toBe(50035);
  });
});

describe('snowflakes and permissions', () => {
  it('makes increasing 17–19 digit ids even from a frozen or early clock', () => {
    const next = createSnowflakes(() => 0);
    const a = next();
    const b = next();
    expect(isSnowflake(a) && isSnowflake(b)).toBe(true);
    expect(BigInt(b)).toBeGreaterThan(BigInt(a));
    expect(isSnowflake(createSnowflakes(Date.now)())).toBe(true);
    expect(shardOf('1100000000000000000', 1)).toBe(0);
  });

  it('computes channel permissions in Discord order', () => {
    const roles = new Map([
      ['1', { permissions: (P.ViewChannel | P.SendMessages).toString() }],
      ['2', { permissions: '0' }],
      ['3', { permissions: P.Administrator.toString() }],
    ]);
    const subject = { guildId: '1', ownerId: '9', userId: '5', roleIds: ['2'], roles };
    const deny = (id: string, type: 0 | 1, bits: bigint) => ({ id, type, allow: '0', deny: bits.toString() });
    const allow = (id: string, type: 0 | 1, bits: bigint) => ({
      id,
      type,
      allow: bits.toString(),
      deny: '0',
    });

    expect(channelPermissions(subject, [deny('1', 0, P.SendMessages)]) & P.SendMessages).toBe(0n);
    expect(
      channelPermissions(subject, [deny('1', 0, P.SendMessages), allow('2', 0, P.SendMessages)]) &
        P.SendMessages,
    ).toBe(P.SendMessages);
    expect(
      channelPermissions(subject, [allow('2', 0, P.SendMessages), deny('5', 1, P.SendMessages)]) &
        P.SendMessages,
    ).toBe(0n);
    expect(channelPermissions(subject, [deny('1', 0, P.ViewChannel)])).toBe(0n);
    expect(channelPermissions({ ...subject, userId: '9' }, [deny('1', 0, P.ViewChannel)])).toBe(
      ALL_PERMISSIONS,
    );
    expect(channelPermissions({ ...subject, roleIds: ['3'] }, [deny('1', 0, P.ViewChannel)])).toBe(
      ALL_PERMISSIONS,
    );
  });
});
