import { z } from 'zod';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/** `/config pause` — stops notices until an admin resumes them (pending posts are dropped, not missed). */
export const pauseSubcommand = configSubcommand({
  name: 'pause',
  input: z.object({}),
  async run(_input, request) {
    const current = await request.ctx.services.settings.get(request.guildId);
    if (current.paused && current.pauseReason === 'admin')
      return { kind: 'config-error', code: 'already-paused' };
    return applyChange(
      request,
      { kind: 'patch', patch: { paused: true, pauseReason: 'admin', pauseDetail: null } },
      { what: 'pause' },
    );
  },
});
