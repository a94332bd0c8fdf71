import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, INVITE_PERMISSIONS } from '../../src/app/permissions.js';
import { projectRoot } from '../../src/config/project-root.js';
import { NOTICE_CHANNEL_PERMISSIONS } from '../../src/discord/guild-directory.js';

describe('the README invite link', () => {
  it('grants exactly the permissions of the one list /config checks, Read Message History included', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const granted = BigInt(/permissions=(\d+)/.exec(readme)?.[1] ?? '0');
    expect(granted).toBe(INVITE_PERMISSIONS);
    expect(granted & PermissionFlagsBits.CreateEvents).toBe(PermissionFlagsBits.CreateEvents);
    expect(granted & PermissionFlagsBits.AttachFiles).toBe(PermissionFlagsBits.AttachFiles);
    expect(granted & PermissionFlagsBits.ReadMessageHistory).toBe(PermissionFlagsBits.ReadMessageHistory);
    expect(readme).toContain(`total **${granted | PermissionFlagsBits.MentionEveryone}**`);
    // Every permission the README lists by name and number.
    for (const p of BOT_PERMISSIONS) expect(readme).toContain(`(${p.bit})`);
  });

  it('writes each bit as discord.js has it, and /config checks every channel permission of the list', () => {
    for (const p of BOT_PERMISSIONS) expect(p.bit, p.name).toBe(PermissionFlagsBits[p.name]);
    expect(NOTICE_CHANNEL_PERMISSIONS.map(([name]) => name)).toEqual(
      BOT_PERMISSIONS.filter((p) => p.where === 'channel').map((p) => p.name),
    );
  });
});
