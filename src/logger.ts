import pino, { type Logger } from 'pino';

/** Interaction and webhook tokens sit in Discord URLs; they are secrets for 15 minutes. */
const URL_SECRETS = /(\/(?:interactions\/\d+|webhooks\/\d+)\/)[^/?\s]+/g;

/** Removes the bot token and interaction tokens from a string. */
export function scrub(text: string, token: string | undefined): string {
  const noUrls = text.replace(URL_SECRETS, '$1[redacted]');
  return token ? noUrls.split(token).join('[redacted]') : noUrls;
}

/**
 * The one root logger: structured JSON, the token redacted wherever it might appear
 * (known fields, error messages, URLs). Pass `destination` to capture output in tests.
 */
export function createLogger(options: {
  level: string;
  token?: string;
  destination?: pino.DestinationStream;
}): Logger {
  const { token } = options;
  const errSerializer = (err: unknown) => {
    const serialized = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
    return JSON.parse(scrub(JSON.stringify(serialized), token)) as Record<string, unknown>;
  };
  return pino(
    {
      level: options.level,
      base: { app: 'remembrance-bot' },
      redact: {
        paths: [
          'token',
          '*.token',
          'DISCORD_TOKEN',
          '*.DISCORD_TOKEN',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
      serializers: { err: errSerializer, error: errSerializer },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a, token) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

export type { Logger };
