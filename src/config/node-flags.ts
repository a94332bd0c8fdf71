/**
 * V8 flags the bot runs with (`npm start` passes the same in package.json). A 4 MB young generation keeps
 * the burst of GUILD_CREATE parsing at start from leaving ~35 MB of resident memory behind at 10,000 servers;
 * --optimize-for-size makes V8 keep less of its heap committed once the burst is over (BENCHMARKS.md has
 * both flags' share).
 */
export const NODE_FLAGS = ['--max-semi-space-size=4', '--optimize-for-size'] as const;
