import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, BOT_PERMISSIONS_BITS } from '../../src/app/permissions.js';
import { projectRoot } from '../../src/config/project-root.js';
import { NOTICE_CHANNEL_PERMISSIONS } from '../../src/discord/guild-directory.js';

describe('the README invite link', () => {
  it('grants exactly BOT_PERMISSIONS, from which /config takes what it checks', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const granted = BigInt(/permissions=(\d+)/.exec(readme)?.[1] ?? '0');
    expect(granted).toBe(BOT_PERMISSIONS_BITS);
    for (const [name, bit] of NOTICE_CHANNEL_PERMISSIONS) {
      expect(BOT_PERMISSIONS).toContainEqual([name, bit]);
    }
    for (const [name, bit] of BOT_PERMISSIONS) {
      expect(PermissionFlagsBits[name]).toBe(bit);
      expect(readme).toContain(`(${bit})`);
    }
    expect(granted & PermissionFlagsBits.CreateEvents).toBe(PermissionFlagsBits.CreateEvents);
    expect(granted & PermissionFlagsBits.AttachFiles).toBe(PermissionFlagsBits.AttachFiles);
    expect(granted & PermissionFlagsBits.ReadMessageHistory).toBe(PermissionFlagsBits.ReadMessageHistory);
    expect(readme).toContain(`total **${granted | PermissionFlagsBits.MentionEveryone}**`);
  });
});
