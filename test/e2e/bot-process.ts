// A bot process as `npm start` runs it (startBot, SIGTERM stops it cleanly), except that a claim left by a
// crashed process is taken over after TEST_STALE_CLAIM_MS instead of two minutes, so a test can restart a
// killed host and see its unfinished deliveries completed. Spawned by hosts.e2e.test.ts through tsx.
import { startBot } from '../../src/main.js';

const staleClaimMs = Number(process.env.TEST_STALE_CLAIM_MS);
const bot = await startBot({
  env: process.env,
  ...(Number.isFinite(staleClaimMs) ? { staleClaimMs } : {}),
});
process.once('SIGTERM', () => {
  void bot.stop().then(() => process.exit(0));
});
