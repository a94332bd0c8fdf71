import type { ConfigProblem, UpcomingPost } from '../../src/app/config-replies.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { plannedDay, type ServerDate } from '../../src/domain/server-date.js';
import { nextPosts } from '../../src/schedule/planner.js';
import { plannerSettings } from '../../src/schedule/planner-settings.js';
import type { GuildSettings } from '../../src/store/guild-settings.js';
import type { ConfigContext } from './subcommand.js';

/** Problems that keep notices from arriving, each with a fix the admin can make. */
export async function problemsOf(settings: GuildSettings, ctx: ConfigContext): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  if (settings.paused && settings.pauseReason) {
    problems.push({ code: 'paused', reason: settings.pauseReason, detail: settings.pauseDetail });
  }
  if (!settings.channelId) problems.push({ code: 'no-channel' });
  else {
    const channel = await ctx.services.guilds.channel(settings.guildId, settings.channelId);
    if (!channel) problems.push({ code: 'channel-missing' });
    else if (channel.missing.length > 0)
      problems.push({ code: 'missing-permissions', permissions: channel.missing });
  }
  if (settings.eventsTab) {
    if ((await ctx.services.guilds.canCreateEvents(settings.guildId)) === false) {
      problems.push({ code: 'events-permission' });
    } else {
      const refusal = await ctx.services.eventsTabRefusal(settings.guildId);
      if (refusal) problems.push({ code: 'events-refused', reason: refusal });
    }
  }
  if (eventsWithDay(ctx.dataset).every((e) => settings.disabledEvents.includes(e.id))) {
    problems.push({ code: 'all-events-off' });
  }
  return problems;
}

/**
 * The next `count` posts these settings make (none while paused or without a channel), the server's own
 * dates among them.
 */
export function nextPostsOf(
  settings: GuildSettings,
  ctx: ConfigContext,
  count: number,
  ownDates: readonly ServerDate[] = [],
): UpcomingPost[] {
  if (settings.paused || !settings.channelId) return [];
  const events = [
    ...eventsWithDay(ctx.dataset).map((event) => ({ id: event.id, date: event.date, event })),
    ...ownDates.map((serverDate) => ({ id: serverDate.id, date: plannedDay(serverDate), serverDate })),
  ];
  return nextPosts(plannerSettings(settings), events, ctx.now(), count).map(({ event, occurrence }) =>
    'event' in event ? { event: event.event, occurrence } : { serverDate: event.serverDate, occurrence },
  );
}
