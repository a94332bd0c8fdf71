import { type Client, Routes } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import type { ReadBack } from '../schedule/notice-port.js';
import { carriesMarker } from './render/notice.js';
import type { SendPacer } from './send-pacer.js';

/** Discord's maximum page of listed messages. */
const PAGE = 100;
/**
 * Pages a read-back looks through (500 messages). A notice channel rarely sees that many messages in the
 * minutes between a crash and a restart the same day; a busier one counts as unreadable rather than making
 * a read-back cost unbounded requests.
 */
export const READBACK_MAX_PAGES = 5;
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest snowflake Discord could give a message created at `ms`: "messages since" is `after` it. */
export function snowflakeAt(ms: number): string {
  const offset = BigInt(Math.floor(ms)) - DISCORD_EPOCH;
  return (offset > 0n ? offset << 22n : 0n).toString();
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    return `${String((error as { code: unknown }).code)}: ${String((error as { message: unknown }).message)}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Lists a channel's messages from `since` on, oldest page first, and looks for one the bot itself
 * authored that carries `marker`. Messages by anyone else never count, whatever they say.
 */
export async function findOwnNotice(
  client: Client,
  pacer: SendPacer,
  query: { channelId: string; marker: string; since: number },
): Promise<ReadBack> {
  const me = client.user?.id;
  if (!me) return { kind: 'unreadable', detail: 'not logged in' };
  let after = snowflakeAt(query.since);
  for (let page = 0; page < READBACK_MAX_PAGES; page++) {
    let batch: APIMessage[];
    try {
      await pacer.acquire();
      batch = (await client.rest.get(Routes.channelMessages(query.channelId), {
        query: new URLSearchParams({ after, limit: String(PAGE) }),
        signal: AbortSignal.timeout(30_000),
      })) as APIMessage[];
    } catch (error) {
      return { kind: 'unreadable', detail: describe(error) };
    }
    const mine = batch.find((m) => m.author.id === me && carriesMarker(m.embeds, query.marker));
    if (mine) return { kind: 'found', messageId: mine.id };
    if (batch.length < PAGE) return { kind: 'absent' };
    // `after` pages forward from the oldest; whatever order a page comes in, its newest id continues.
    after = batch.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
  }
  return {
    kind: 'unreadable',
    detail: `more than ${READBACK_MAX_PAGES * PAGE} messages since the first attempt`,
  };
}
