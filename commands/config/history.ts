import { z } from 'zod';
import type { ConfigHistoryReply } from '../../src/app/config-replies.js';
import { type ConfigRequest, configSubcommand } from './subcommand.js';

/** Ten changes a page: what a phone shows without scrolling far. */
export const HISTORY_PAGE_SIZE = 10;

/** The custom id of the button that shows page `page` (from 0) of the history. */
export function historyButtonId(page: number): string {
  return `config:history:${page}`;
}

/** The page a history button asks for, or null for an id that is not one (a forged or stale button). */
export function historyPageOf(customId: string): number | null {
  const match = /^config:history:(\d{1,6})$/.exec(customId);
  return match ? Number(match[1]) : null;
}

/** One page of the server's recorded changes, newest first; a page past the end shows the last one. */
export async function historyPage(request: ConfigRequest, page: number): Promise<ConfigHistoryReply> {
  const { ctx, guildId } = request;
  const first = await ctx.services.settings.history(guildId, page, HISTORY_PAGE_SIZE);
  const shown = Math.min(page, Math.max(0, Math.ceil(first.total / HISTORY_PAGE_SIZE) - 1));
  const { entries, total } =
    shown === page ? first : await ctx.services.settings.history(guildId, shown, HISTORY_PAGE_SIZE);
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  return {
    kind: 'config-history',
    guildId,
    entries: entries.map((e) => ({
      ...e,
      event: e.subject === null ? undefined : ctx.dataset.events.find((ev) => ev.id === e.subject),
    })),
    page: shown,
    pageCount,
    total,
    buttons: { previous: historyButtonId(Math.max(0, shown - 1)), next: historyButtonId(shown + 1) },
  };
}

/** `/config history` — who changed this server's settings, when, and from what to what. */
export const historySubcommand = configSubcommand({
  name: 'history',
  input: z.object({}),
  run: (_input, request) => historyPage(request, 0),
});
