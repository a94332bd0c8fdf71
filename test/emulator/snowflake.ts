/** Discord snowflakes: ms since 2015-01-01 << 22 | worker << 17 | process << 12 | increment. */

const DISCORD_EPOCH = 1_420_070_400_000n;
/** Below this offset from the epoch an id would have fewer than 17 digits, which discord.js does not bucket. */
const MIN_OFFSET_MS = 2_400_000_000n;

export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && /^\d{17,19}$/.test(value);
}

export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Monotonic generator: ids from one emulator always increase, even with a frozen or rewound clock. */
export function createSnowflakes(now: () => number): () => string {
  let last = 0n;
  return () => {
    let offset = BigInt(Math.floor(now())) - DISCORD_EPOCH;
    if (offset < MIN_OFFSET_MS) offset = MIN_OFFSET_MS;
    let id = (offset << 22n) | (1n << 17n) | (1n << 12n);
    if (id <= last) id = last + 1n;
    last = id;
    return id.toString();
  };
}
