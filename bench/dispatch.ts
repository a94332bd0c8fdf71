import type { Emulator } from '../test/emulator/types.js';
import { ids } from './scenario.js';

const NAMES = ['Shusha', 'Füzuli', 'fizuli', 'Kelbajar', 'Кельбаджар', 'Xocalı', 'Zangilan', 'Lachyn'];
const MANAGE_GUILD = '32';

/** `/district` from a member of the bench's server 0, answered through the emulator; resolves on the callback. */
export function districtDispatcher(emulator: Emulator): (i: number) => Promise<void> {
  return async (i) => {
    const handle = await emulator.interact({
      type: 'command',
      name: 'district',
      options: [{ name: 'name', type: 3, value: NAMES[i % NAMES.length] as string }],
      guildId: ids.guild(0),
      channelId: ids.channel(0),
      user: { id: ids.guild(999_999), locale: 'en-US' },
      memberPermissions: '0',
    });
    const response = await handle.response();
    if (response.type !== 4) throw new Error(`/district answered type ${response.type}`);
  };
}

/**
 * `/config show` from an admin of server 0; resolves when the answer is visible (the callback, or the edit
 * after a deferral), and says whether it was deferred.
 */
export function configShowDispatcher(emulator: Emulator): () => Promise<{ deferred: boolean }> {
  return async () => {
    const handle = await emulator.interact({
      type: 'command',
      name: 'config',
      subcommand: 'show',
      options: [],
      guildId: ids.guild(0),
      channelId: ids.channel(0),
      user: { id: ids.guild(999_998), locale: 'en-US' },
      memberPermissions: MANAGE_GUILD,
    });
    const response = await handle.response();
    if (response.type !== 4 && response.type !== 5)
      throw new Error(`/config show answered type ${response.type}`);
    await handle.final();
    return { deferred: response.type === 5 };
  };
}
