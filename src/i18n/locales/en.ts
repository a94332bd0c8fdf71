/**
 * English: the default language and the reference every other locale must match key for key
 * (the type `Messages` is this object's shape, so a missing key fails the build).
 */
export const en = {
  intlLocale: 'en-GB',
  ordinal: (n: number) => {
    const tens = n % 100;
    const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
    return `${n}${suffix}`;
  },
  years: (n: number) => (n === 1 ? '1 year' : `${n} years`),
  yearsAgo: (p: { years: string }) => `${p.years} ago`,
  km2: (p: { value: string }) => `${p.value} km²`,

  sourceLabel: 'Source',
  sourcesLabel: 'Sources',
  quoteLabel: 'In the source’s words',
  accordingTo: (p: { citation: string }) => `According to ${p.citation}.`,
  areasNote: 'Each area is a whole-district figure; the areas overlap, so they are never added up.',

  placeDateLabel: 'Date of occupation',
  placeDateValue: (p: { date: string; ago: string }) => `${p.date} — ${p.ago}`,
  placePeriodValue: (p: { from: number; to: number }) => `${p.from}–${p.to}: a period, not a single day`,
  territoryLabel: 'Territory',
  foundBy: (p: { name: string }) => `Found by the name “${p.name}”.`,

  massacreTitle: (p: { name: string; night: string }) => `${p.name} — the night of ${p.night}`,
  khojalyAttribution: (p: { citation: string }) =>
    `Name and figures according to ${p.citation}. Other bodies give other numbers.`,
  killedLabel: 'Civilians killed',
  killedValue: (p: { killed: string; women: string; children: string; elderly: string }) =>
    `${p.killed}, including ${p.women} women, ${p.children} children and ${p.elderly} elderly`,
  woundedLabel: 'Wounded',
  hostagesLabel: 'Taken hostage',
  missingLabel: 'Still missing',
  rememberedOn: (p: { date: string }) => `Remembered on ${p.date}.`,

  timelineTitle: 'Timeline',
  timelineKilled: (p: { value: string }) => `${p.value} civilians killed`,
  timelinePeriod: (p: { from: number; to: number }) => `${p.from}–${p.to}`,
  timelineFooter: 'Dates and areas as the sources give them; areas overlap and are not added up.',

  timelinePictureTitle: (p: { from: number; to: number }) => `Timeline, ${p.from}–${p.to}`,
  timelinePictureAlt: (p: { from: number; to: number }) =>
    `A time axis from ${p.from} to ${p.to} marking each date of the list above, with its place and figure.`,

  calendarTitle: 'The anniversaries, for your calendar',
  calendarBody: (p: { count: number }) =>
    `Yearly all-day events (${p.count}), each with its figures and source. Open the attached file, or import it: Google Calendar (Settings → Import), Apple Calendar (File → Import), Outlook (Add calendar → Upload from file).`,
  calendarPeriodNote: (p: { names: string }) =>
    `${p.names}: a period, not a single day, so it has no yearly event.`,
  calendarName: 'Remembrance anniversaries',
  calendarOccupationSummary: (p: { name: string; year: number }) =>
    `${p.name}: anniversary of its occupation (${p.year})`,
  calendarMassacreSummary: (p: { name: string; year: number }) =>
    `${p.name}: anniversary of the massacre (${p.year})`,
  calendarOccupationDate: (p: { date: string }) => `Occupied on ${p.date}, by the date the source gives.`,
  calendarMassacreNight: (p: { night: string }) => `The night of ${p.night}.`,
  calendarOwnDates: (p: { count: number }) =>
    `Also in the file: this server’s own dates (${p.count}), each marked as added by this server’s admins, with the source they gave.`,
  calendarOwnSummary: (p: { name: string; year: number }) =>
    `${p.name} (${p.year}) — added by this server’s admins`,
  calendarTurnedOff: (p: { count: number }) =>
    `Left out: the days this server turned off with /config event (${p.count}).`,

  upcomingTitle: 'Upcoming anniversaries',
  upcomingNone: 'This server has turned off every day it remembers (/config event).',
  upcomingTurnedOff: (p: { count: number }) =>
    `Not listed: the days this server turned off with /config event (${p.count}).`,
  upcomingLine: (p: { name: string; ordinal: string; when: string; relative: string }) =>
    `**${p.name}** — ${p.ordinal} anniversary: ${p.when} (${p.relative})`,
  upcomingWhen: (p: { date: string; time: string; zone: string }) => `${p.date}, ${p.time} ${p.zone}`,

  sourceSupports: 'Supports',
  sourceCite: (p: { citation: string }) => `Cite as: ${p.citation}`,

  unknownPlace: (p: { query: string; suggestions: string }) =>
    `No place called “${p.query}” is in the dataset. Did you mean ${p.suggestions}? Pick a name from the list as you type.`,
  unknownPlaceNoSuggestion: (p: { query: string }) =>
    `No place called “${p.query}” is in the dataset. Pick a name from the list as you type, or see /timeline.`,
  or: 'or',

  noticeOccupationTitle: (p: { name: string; ordinal: string }) =>
    `${p.name}: the ${p.ordinal} anniversary of its occupation`,
  noticeOccupationBody: (p: { date: string; years: string }) =>
    `Occupied on ${p.date} — ${p.years} ago, by the date the source gives. We remember.`,
  noticeMassacreTitle: (p: { name: string; ordinal: string }) => `${p.name}: the ${p.ordinal} anniversary`,
  nameAndFiguresAccordingTo: (p: { citation: string }) => `Name and figures according to ${p.citation}.`,
  noticeMassacreBody: (p: { night: string; years: string }) =>
    `The night of ${p.night} — ${p.years} ago. We remember the people of Khojaly.`,
  noticePreviewLabel: '**Preview** — a test of how notices will look here; not the anniversary’s post.',
  noticePreviewFooter: 'Preview',
  noticeFooter: (p: { date: string }) => `Remembrance day: ${p.date}`,
  days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
  reminderLabel: (p: { days: string }) => `**Reminder:** ${p.days} until this anniversary.`,

  configTitle: 'Anniversary notices in this server',
  configChannel: 'Channel',
  configZone: 'Time zone',
  configTime: 'Local time',
  configReminder: 'Reminder',
  configReminderOff: 'none',
  configReminderValue: (p: { days: string }) => `${p.days} before`,
  reminderOf: (p: { name: string }) => `Reminder for ${p.name}`,
  reminderAhead: (p: { name: string; days: string }) => `Reminder: ${p.name} in ${p.days}`,
  updatedReminder: (p: { days: string }) =>
    `A reminder will be posted ${p.days} before each anniversary, at the same time and in the same channel.`,
  updatedReminderOff: 'No more reminders ahead; the anniversaries themselves are still posted.',
  configRole: 'Mention',
  configLanguage: 'Language',
  configStatus: 'Status',
  configEvents: 'Anniversaries',
  configNext: 'Next posts',
  configProblems: 'Needs attention',
  configTrouble: 'Recent anniversaries not posted',
  configNotSet: 'not set',
  configNobody: 'nobody',
  configActive: 'posting',
  configPausedBy: (p: { why: string }) => `paused — ${p.why}`,
  configNoNext: 'none while notices are paused or no channel is set',
  configEventOn: 'on',
  configEventOff: 'off',
  configNextLine: (p: { name: string; at: string; relative: string }) =>
    `${p.name} · ${p.at} (${p.relative})`,
  troubleMissed: (p: { name: string; year: number }) =>
    `${p.name} ${p.year}: missed — the bot was not running that day`,
  troubleFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name} ${p.year}: failed — ${p.reason}`,
  publishPending: (p: { name: string; year: number; reason: string; at: string }) =>
    `${p.name} ${p.year}: posted, not yet published to following servers — ${p.reason}; trying again ${p.at}`,
  publishFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name} ${p.year}: posted, but not published to following servers — ${p.reason}`,
  publishRateLimited: 'Discord’s limit of 10 published messages an hour in the channel was reached',
  publishNeedsPermission: 'the bot needs Send Messages in the announcement channel to publish its notice',
  publishDayEnded: 'the anniversary’s day ended before it could be published',
  troubleUncertain: (p: { name: string; year: number }) =>
    `${p.name} ${p.year}: uncertain — an attempt's outcome was unknown and the bot cannot read the channel's history to check, so it did not post again; look in the channel, and grant the bot Read Message History there`,
  troubleDiscordError: (p: { detail: string }) => `Discord answered “${p.detail}”`,
  troubleDayEnded: 'the day ended before Discord accepted the post',

  pauseReasonAdmin: 'an admin paused them; use /config resume',
  pauseReasonChannelDeleted: 'the channel was deleted; choose another with /config channel',
  pauseReasonMissingAccess:
    'the bot cannot see the channel (Missing Access); give it View Channel there, then run /config channel again',
  pauseReasonMissingPermissions: (p: { detail: string }) =>
    `the bot lacks permissions in the channel (${p.detail}); grant them, then run /config channel again`,
  pauseReasonUnknownChannel: 'Discord no longer knows the channel; choose another with /config channel',
  problemNoChannel: 'No channel is set: choose one with /config channel.',
  problemChannelMissing:
    'The channel no longer exists or the bot cannot see it: choose another with /config channel.',
  problemPermissions: (p: { permissions: string }) =>
    `The bot lacks ${p.permissions} in the channel: grant it there, or choose another channel.`,
  problemAllOff: 'Every anniversary is turned off: turn one on with /config event.',
  problemPaused: (p: { why: string }) => `Notices are paused: ${p.why}.`,

  updatedChannel: (p: { channel: string }) => `Notices will be posted in ${p.channel}.`,
  updatedZone: (p: { zone: string }) => `Time zone set to ${p.zone}.`,
  updatedTime: (p: { time: string }) => `Notices will be posted at ${p.time}, local time.`,
  updatedRole: (p: { role: string }) => `Notices will mention ${p.role}.`,
  updatedRoleCleared: 'Notices will mention nobody.',
  updatedEventOn: (p: { name: string }) => `${p.name} will be posted.`,
  updatedEventOff: (p: { name: string }) => `${p.name} will not be posted.`,
  updatedLanguage: 'Notices in this server will be written in English.',
  updatedPause: 'Notices are paused. Use /config resume to start again.',
  updatedResume: 'Notices are resumed.',
  updatedNext: (p: { name: string; at: string; relative: string }) =>
    `Next post: ${p.name} — ${p.at} (${p.relative}).`,
  updatedNoNext: 'No post is scheduled until the problems below are fixed.',

  testPosted: (p: { channel: string; name: string }) =>
    `A labelled preview of the ${p.name} notice was posted in ${p.channel}. It does not count as the anniversary’s post.`,
  testFailed: (p: { channel: string; why: string }) =>
    `The preview could not be posted in ${p.channel}: ${p.why}`,
  testRefused: (p: { permissions: string }) =>
    `Discord refused it: the bot needs ${p.permissions} in that channel. Grant them in the channel’s permissions, then run /config test again. Notices were not paused.`,
  testSendFailed: (p: { detail: string }) => `Discord answered: ${p.detail}. Try again in a minute.`,

  errorZone: (p: { value: string }) =>
    `“${p.value}” is not a time zone. Use an IANA name such as Asia/Baku or Europe/Berlin (pick one from the list as you type). Nothing was changed.`,
  errorTime: (p: { value: string }) =>
    `“${p.value}” is not a time. Use 24-hour time such as 9, 9:00, 09:00 or 21:30. Nothing was changed.`,
  errorChannelType:
    'Notices can go only in a text or announcement channel. Choose one of those. Nothing was changed.',
  errorChannelUnknown:
    'The bot cannot see that channel. Choose a text or announcement channel it can view. Nothing was changed.',
  errorChannelPermissions: (p: { channel: string; permissions: string }) =>
    `The bot lacks ${p.permissions} in ${p.channel}. Grant it there and try again. Nothing was changed.`,
  errorRoleUnknown: 'The bot cannot find that role. Choose another. Nothing was changed.',
  errorRoleManaged:
    'That role belongs to a bot or integration and cannot be mentioned for notices. Choose another. Nothing was changed.',
  errorRoleNotMentionable:
    'The bot cannot mention that role: make it mentionable in Server Settings → Roles, or give the bot Mention @everyone, @here and All Roles in the notice channel. Nothing was changed.',
  errorEveryoneNotAllowed:
    'To mention @everyone the bot needs Mention @everyone, @here and All Roles in the notice channel; grant it and try again. Nothing was changed.',
  errorUnknownEvent: (p: { value: string }) =>
    `“${p.value}” is not an anniversary the bot posts. Pick one from the list as you type. Nothing was changed.`,
  errorLanguage: 'Choose English, Azərbaycanca, Русский or Türkçe from the list. Nothing was changed.',
  errorNoChannel: 'No channel is set yet. Choose one with /config channel first.',
  errorNotPaused: 'Notices are not paused; nothing to resume.',
  errorOptions:
    'The options did not match what the bot expects (Discord may still show an older version of the command). Try again in a minute. Nothing was changed.',
  errorAlreadyPaused: 'Notices are already paused. Use /config resume to start again.',

  historyTitle: 'Changes to these settings',
  historyEmpty: 'No change has been recorded yet. Changes made with /config are listed here, newest first.',
  historyLine: (p: { when: string; who: string; what: string }) => `${p.when} · ${p.who} · ${p.what}`,
  historyChange: (p: { label: string; from: string; to: string }) => `${p.label}: ${p.from} → ${p.to}`,
  historyPaused: 'paused',
  historyPausedByDiscord: 'paused (Discord refused posts)',
  configEventsTab: 'Events tab',
  problemEventsPermission:
    'The Events tab is on, but the bot may not create events: grant it Create Events (Server Settings → Roles), or turn the tab off with /config events enabled:False.',
  updatedEventsTabOn:
    "The coming anniversaries will appear in the server's Events tab, each 14 days ahead, within a few minutes.",
  updatedEventsTabOff: "The bot's anniversary events are being removed from the Events tab.",
  problemEventsLimit:
    'The Events tab is full: Discord allows 100 scheduled events per server. End or delete some, and the bot adds its anniversaries within five minutes.',
  problemEventsRefused:
    'Discord refused an anniversary event for the Events tab; the bot tries again every five minutes. If this stays, turn the tab off and on with /config events.',
  errorEventsPermission:
    'To show anniversaries in the Events tab the bot needs Create Events (or Manage Events) in this server: grant it in Server Settings → Roles, then try again. Nothing was changed.',
  historyPrevious: 'Previous',
  historyNext: 'Next',
  historyFooter: (p: { page: number; pages: number; total: number }) =>
    `Page ${p.page} of ${p.pages} · ${p.total} changes kept (a year, at most 500)`,

  permissionViewChannel: 'View Channel',
  permissionSendMessages: 'Send Messages',
  permissionReadMessageHistory: 'Read Message History',
  permissionEmbedLinks: 'Embed Links',
  permissionAttachFiles: 'Attach Files',
  permissionCreateEvents: 'Create Events',

  errorGuildOnly: 'This command works only in a server. Nothing was changed.',
  errorManageGuild:
    'Only members with the Manage Server permission can change the bot’s settings. Nothing was changed.',
  errorUnknownCommand: (p: { name: string }) =>
    `The command /${p.name} is not known to this version of the bot. Nothing was changed; try again in a minute.`,
  errorCount: (p: { min: number; max: number }) =>
    `Choose a count from ${p.min} to ${p.max}. Nothing was changed.`,
  errorStoreUnavailable:
    'Settings are temporarily unavailable: the bot cannot reach its database. Nothing was changed; please try again in a few minutes.',
  errorInternal: (p: { id: string }) =>
    `Something went wrong on our side and nothing was changed. If you report it, quote this id: ${p.id}.`,
};

export type Messages = typeof en;
