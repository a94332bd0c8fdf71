import { z } from 'zod';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/** `/config resume` — posting again, from the next anniversary (today's, late, if it is still today). */
export const resumeSubcommand = configSubcommand({
  name: 'resume',
  input: z.object({}),
  async run(_input, request) {
    const current = await request.ctx.services.settings.get(request.guildId);
    if (!current.paused) return { kind: 'config-error', code: 'not-paused' };
    return applyChange(request, { kind: 'patch', patch: { paused: false } }, { what: 'resume' });
  },
});
