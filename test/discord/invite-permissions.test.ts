import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/project-root.js';
import { NOTICE_CHANNEL_PERMISSIONS } from '../../src/discord/guild-directory.js';

describe('the README invite link', () => {
  it('grants exactly the permissions /config checks, Read Message History included', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const granted = BigInt(/permissions=(\d+)/.exec(readme)?.[1] ?? '0');
    const needed = NOTICE_CHANNEL_PERMISSIONS.reduce((all, [, bit]) => all | bit, 0n);
    expect(granted).toBe(needed);
    expect(granted & PermissionFlagsBits.ReadMessageHistory).toBe(PermissionFlagsBits.ReadMessageHistory);
    expect(readme).toContain(`total **${granted | PermissionFlagsBits.MentionEveryone}**`);
  });
});
