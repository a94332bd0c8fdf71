import type { ConfigChange, ConfigUpdatedReply } from '../../src/app/config-replies.js';
import type { SettingsEdit } from '../../src/app/services.js';
import { nextPostsOf, problemsOf } from './status.js';
import type { ConfigRequest } from './subcommand.js';

/**
 * The one way /config changes settings: the edit is applied (with the next due instant and the audit
 * record in the same transaction, by the settings service) and the reply says what now happens.
 */
export async function applyChange(
  request: ConfigRequest,
  edit: SettingsEdit,
  change: ConfigChange,
): Promise<ConfigUpdatedReply> {
  const { ctx, guildId, actor } = request;
  const settings = await ctx.services.settings.write(guildId, edit, actor);
  const own = await ctx.services.settings.serverDates(guildId);
  return {
    kind: 'config-updated',
    change,
    settings,
    next: nextPostsOf(settings, ctx, 1, own)[0] ?? null,
    problems: await problemsOf(settings, ctx, own),
  };
}
