import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { describe } from '../../src/i18n/command-text.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/** `/config role` — the role notices mention (none when the option is left out). */
export const roleSubcommand = configSubcommand({
  name: 'role',
  options: [
    {
      type: ApplicationCommandOptionType.Role,
      name: 'role',
      ...describe('config.role.role'),
      required: false,
    },
  ],
  input: z.object({ role: z.string().optional() }),
  async run({ role: roleId }, request) {
    const { ctx, guildId } = request;
    if (roleId === undefined) {
      return applyChange(request, { kind: 'patch', patch: { roleId: null } }, { what: 'role-cleared' });
    }
    const role = await ctx.services.guilds.role(guildId, roleId);
    if (!role) return { kind: 'config-error', code: 'role-unknown', roleId };
    if (role.managed) return { kind: 'config-error', code: 'role-managed', roleId };
    const current = await ctx.services.settings.get(guildId);
    const channel = current.channelId ? await ctx.services.guilds.channel(guildId, current.channelId) : null;
    const botMayMentionAll = channel?.canMentionEveryone ?? false;
    if ((role.isEveryone || !role.mentionable) && !botMayMentionAll) {
      return { kind: 'config-error', code: 'role-not-mentionable', roleId, everyone: role.isEveryone };
    }
    return applyChange(request, { kind: 'patch', patch: { roleId } }, { what: 'role', roleId });
  },
});
