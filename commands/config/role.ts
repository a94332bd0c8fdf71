import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ConfigInputError } from '../../src/app/config-replies.js';
import { describe } from '../../src/i18n/command-text.js';
import { type ConfigRequest, configSubcommand } from './subcommand.js';
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
    if (roleId === undefined) {
      return applyChange(request, { kind: 'patch', patch: { roleId: null } }, { what: 'role-cleared' });
    }
    const refused = await roleRefusal(request, roleId);
    if (refused) return refused;
    return applyChange(request, { kind: 'patch', patch: { roleId } }, { what: 'role', roleId });
  },
});

/** Why a role cannot be the one notices mention (unknown, managed, not mentionable by the bot), or null. */
export async function roleRefusal(request: ConfigRequest, roleId: string): Promise<ConfigInputError | null> {
  const { ctx, guildId } = request;
  const role = await ctx.services.guilds.role(guildId, roleId);
  if (!role) return { kind: 'config-error', code: 'role-unknown', roleId };
  if (role.managed) return { kind: 'config-error', code: 'role-managed', roleId };
  const current = await ctx.services.settings.get(guildId);
  const channel = current.channelId ? await ctx.services.guilds.channel(guildId, current.channelId) : null;
  const botMayMentionAll = channel?.canMentionEveryone ?? false;
  if ((role.isEveryone || !role.mentionable) && !botMayMentionAll) {
    return { kind: 'config-error', code: 'role-not-mentionable', roleId, everyone: role.isEveryone };
  }
  return null;
}
