import type { ConfigProblem, UpcomingPost } from '../../src/app/config-replies.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import type { ServerDate } from '../../src/domain/server-date.js';
import { nextPosts, serverDateEvents } from '../../src/schedule/planner.js';
import { plannerSettings } from '../../src/schedule/planner-settings.js';
import type { GuildSettings } from '../../src/store/guild-settings.js';
import type { ConfigContext } from './subcommand.js';

/** Problems that keep notices from arriving, each with a fix the admin can make. */
export async function problemsOf(
  settings: GuildSettings,
  ctx: ConfigContext,
  ownDates: readonly ServerDate[],
): Promise<ConfigProblem[]> {
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
  // Off only when every day the server would post — the dataset's and its own — is turned off.
  const days = [...eventsWithDay(ctx.dataset).map((e) => e.id), ...ownDates.map((d) => d.id)];
  if (days.every((id) => settings.disabledEvents.includes(id))) {
    problems.push({ code: 'all-events-off' });
  }
  return problems;
}

/**
 * The next `count` posts these settings make (none while paused or without a channel) — reminders among them
 * when the server has reminders, and the server's own dates, each planned as the scheduler plans it.
 */
export function nextPostsOf(
  settings: GuildSettings,
  ctx: ConfigContext,
  count: number,
  ownDates: readonly ServerDate[] = [],
): UpcomingPost[] {
  if (settings.paused || !settings.channelId) return [];
  // The server's dates as the scheduler plans them (serverDateEvents), whatever that says of reminders.
  const planned = serverDateEvents(ownDates);
  const events = [
    ...eventsWithDay(ctx.dataset).map((event) => ({ id: event.id, date: event.date, event })),
    ...ownDates.flatMap((serverDate, i) => {
      const as = planned[i];
      return as ? [{ ...as, serverDate }] : [];
    }),
  ];
  return nextPosts(plannerSettings(settings), events, ctx.now(), count).map(({ event, ...post }) =>
    'event' in event ? { event: event.event, ...post } : { serverDate: event.serverDate, ...post },
  );
}
