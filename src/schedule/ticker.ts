import cron from 'node-cron';
import type { Logger } from 'pino';

/**
 * One ticker for every server: node-cron fires at the start of each minute and the scheduler works out
 * what is due. It also runs once at start so posts missed while the bot was down go out late.
 */
export function startTicker(
  tick: () => Promise<unknown>,
  logger: Logger,
  schedule: { name: string; cron: string } = { name: 'anniversary-ticker', cron: '* * * * *' },
): { stop(): void } {
  const run = () => {
    tick().catch((err: unknown) => logger.error({ err, job: schedule.name }, 'tick failed'));
  };
  const task = cron.schedule(schedule.cron, run, { name: schedule.name, noOverlap: true });
  run();
  return {
    stop() {
      task.stop();
      task.destroy();
    },
  };
}
