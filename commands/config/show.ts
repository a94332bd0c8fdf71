import { z } from 'zod';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { ofLedgerEventId } from '../../src/store/delivery.js';
import { nextPostsOf, problemsOf } from './status.js';
import { configSubcommand } from './subcommand.js';

/** `/config show` — the settings, the next posts, what needs attention and what was not posted. */
export const showSubcommand = configSubcommand({
  name: 'show',
  input: z.object({}),
  async run(_input, { ctx, guildId }) {
    const settings = await ctx.services.settings.get(guildId);
    const trouble = await ctx.services.settings.recentTrouble(guildId);
    const own = await ctx.services.settings.serverDates(guildId);
    const publishing = await ctx.services.settings.recentPublishing(guildId);
    const channel = settings.channelId
      ? await ctx.services.guilds.channel(guildId, settings.channelId)
      : null;
    const role = settings.roleId ? await ctx.services.guilds.role(guildId, settings.roleId) : null;
    return {
      kind: 'config-show',
      settings,
      channelName: channel?.name ?? null,
      roleName: role?.name ?? null,
      next: nextPostsOf(settings, ctx, 3, own),
      problems: await problemsOf(settings, ctx, own),
      trouble: trouble.map((d) => {
        const { eventId, kind } = ofLedgerEventId(d.eventId);
        return {
          ...d,
          reminder: kind === 'reminder',
          event: ctx.dataset.events.find((e) => e.id === eventId),
          serverDateName: own.find((o) => o.id === eventId)?.name,
        };
      }),
      publishing: publishing.map((p) => ({
        ...p,
        event: ctx.dataset.events.find((e) => e.id === p.eventId),
      })),
      events: eventsWithDay(ctx.dataset),
    };
  },
});
