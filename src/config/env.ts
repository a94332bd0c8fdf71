import { z } from 'zod';

/** A problem with configuration that stops the bot at start: one line, no stack trace. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

const wholeNumber = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, 'must be a whole number from 1')
  .transform(Number);

const envSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is not set' })
    .trim()
    .min(1, 'is empty')
    // The prefix first: "Bot abc" also contains a space, and the useful message is the specific one.
    .check(
      z.refine((v) => !/^bot\s/i.test(v), {
        message: 'starts with "Bot ": remove the prefix and put the token alone',
        abort: true,
      }),
    )
    .refine((v) => !/\s/.test(v), 'contains spaces'),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
    .refine((v) => !/\/v\d+\/?$/.test(v), 'must not end with a version such as /v10 (the bot adds it)')
    .default('https://discord.com/api')
    .transform((v) => v.replace(/\/+$/, '')),
  DISCORD_DEV_GUILD_ID: snowflake.optional(),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
    .default('info'),
  DATABASE_URL: z.string().trim().min(1, 'is empty').default('sqlite:var/remembrance.sqlite'),
  // Connections each process keeps to PostgreSQL (ignored for SQLite). Hosts × processes × this must
  // stay under the server's max_connections.
  DATABASE_POOL_SIZE: z
    .string()
    .regex(/^([1-9]\d?|100)$/, 'must be a whole number from 1 to 100')
    .default('10')
    .transform(Number),
  DATASET_FILE: z.string().trim().min(1, 'is empty').default('data/remembrance.json'),
  HTTP_PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number from 1 to 65535')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65_535, 'must be a port number from 1 to 65535')
    .optional(),
  HTTP_HOST: z.string().trim().min(1, 'is empty').default('127.0.0.1'),
  SHARD_COUNT: z
    .union([z.literal('auto'), z.string().regex(/^[1-9]\d{0,4}$/, 'must be "auto" or a whole number from 1')])
    .default('auto')
    .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v))),
  SHARD_IDS: z
    .string()
    .trim()
    .regex(/^\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$/, 'must list shard ids such as "0,1" or "0-3"')
    .refine(
      (v) => v.split(',').every((r) => Number(r.split('-')[0]) <= Number(r.split('-')[1] ?? r)),
      'has a range that runs backwards (write "0-3", not "3-0")',
    )
    .transform(parseShardIds)
    .optional(),
  /** Set to the new SHARD_COUNT to replace the count recorded in the database (every host stopped). */
  SHARD_COUNT_CHANGE: wholeNumber.optional(),
  /** Discord's global REST limit for this bot (requests/s); Discord raises it for large bots on request. */
  DISCORD_GLOBAL_RATE_LIMIT: wholeNumber.default(50),
  /** This process's notice posts per second, instead of its share of DISCORD_GLOBAL_RATE_LIMIT. */
  DISCORD_PROCESS_RATE_LIMIT: wholeNumber.optional(),
});

/** SHARD_IDS needs a numeric SHARD_COUNT and ids below it. */
const configSchema = envSchema.superRefine((config, ctx) => {
  // Runs even when a field failed its own check; then that field's message is the one shown.
  if (!Array.isArray(config.SHARD_IDS)) return;
  if (config.SHARD_COUNT === 'auto') {
    ctx.addIssue({
      code: 'custom',
      path: ['SHARD_IDS'],
      message: 'requires a numeric SHARD_COUNT (the total number of shards across every host)',
    });
    return;
  }
  const count = config.SHARD_COUNT;
  const outside = config.SHARD_IDS.filter((id) => id >= count);
  if (outside.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['SHARD_IDS'],
      message: `must be within 0..${count - 1} for SHARD_COUNT=${count} (got ${outside.join(', ')})`,
    });
  }
});

/** "0,2-4" → [0, 2, 3, 4], sorted and without repeats. */
function parseShardIds(list: string): number[] {
  const ids = new Set<number>();
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

export type BotConfig = z.infer<typeof envSchema>;

const HINTS: Record<string, string> = {
  DISCORD_TOKEN:
    'put DISCORD_TOKEN=<your bot token> in .env (see .env.example); the token is on https://discord.com/developers/applications → your application → Bot → Reset Token',
};

/**
 * Reads the bot's configuration from environment variables (empty strings count as unset).
 * @throws ConfigError naming the first variable that is wrong and what to do.
 */
export function readConfig(env: Record<string, string | undefined>): BotConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  const problem =
    issue?.code === 'invalid_type' && cleaned[name] === undefined ? 'is not set' : issue?.message;
  // The where-to-get-it hint helps when the value is missing, not when it is malformed.
  const hint = problem === 'is not set' || problem === 'is empty' ? HINTS[name] : undefined;
  throw new ConfigError(`${name} ${problem}${hint ? `: ${hint}` : ''}.`);
}

/**
 * Loads `.env` from the working directory into the environment, if there is one; variables already set
 * win. A `.env` that exists but cannot be read stops the bot with one line.
 */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new ConfigError(
      `${file} cannot be read (${code ?? (error as Error).message}); fix it or remove it.`,
    );
  }
}
