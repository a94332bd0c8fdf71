import { REST } from 'discord.js';
import { commands } from '../commands/index.js';
import { ConfigError, loadDotEnv, readConfig } from './config/env.js';
import { syncCommands } from './discord/command-registration.js';
import { createLogger } from './logger.js';

/**
 * `npm run commands:sync`: registers the slash commands (globally, or in DISCORD_DEV_GUILD_ID) without
 * connecting to the gateway; skipped when Discord already has exactly these commands.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL, token: config.DISCORD_TOKEN });
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const application = (await rest.get('/applications/@me')) as { id: string };
  const result = await syncCommands({
    rest,
    applicationId: application.id,
    definitions: commands.map((c) => c.definition),
    devGuildId: config.DISCORD_DEV_GUILD_ID,
    logger,
  });
  process.stdout.write(
    `${result.changed ? 'Registered' : 'Already up to date:'} ${result.count} commands (${result.scope}).\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`commands:sync: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});
