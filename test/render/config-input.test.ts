import { describe, expect, it } from 'vitest';
import { configCommand } from '../../commands/config/index.js';
import { renderReply } from '../../src/discord/render/index.js';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { at, realDataset } from '../domain/fixtures.js';
import { commandContext, GUILD, invocation } from './command-context.js';

const dataset = realDataset();

describe('/config validates its options once, before any subcommand sees them', () => {
  it('refuses options that do not match the definition (a stale registration), changing nothing', async () => {
    const ctx = commandContext(dataset, at('2027-02-20T12:00:00Z'));
    const before = await ctx.services.settings.get(GUILD);
    const result = await configCommand.execute(invocation({ at: 930 }, { subcommand: 'time' }), ctx);
    expect(result).toEqual({ reply: { kind: 'config-error', code: 'invalid-options' }, ephemeral: true });
    expect(await ctx.services.settings.get(GUILD)).toEqual(before);
    for (const language of LANGUAGES) {
      expect(renderReply(result.reply, language).content).toMatch(/^❌ .+/);
    }
  });

  it('resolves a typed anniversary name the way /district does (Xocalı → khojaly)', async () => {
    const ctx = commandContext(dataset, at('2027-02-20T12:00:00Z'));
    const result = await configCommand.execute(
      invocation({ event: 'Xocalı', enabled: false }, { subcommand: 'event' }),
      ctx,
    );
    expect(result.reply).toMatchObject({ kind: 'config-updated', change: { what: 'event', enabled: false } });
    expect((await ctx.services.settings.get(GUILD)).disabledEvents).toEqual(['khojaly']);
    // A period is not an anniversary the bot posts.
    const period = await configCommand.execute(
      invocation({ event: 'Nagorno-Karabakh', enabled: false }, { subcommand: 'event' }),
      ctx,
    );
    expect(period.reply).toMatchObject({ kind: 'config-error', code: 'unknown-event' });
  });
});
