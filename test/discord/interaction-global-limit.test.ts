import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Discord exempts interaction callbacks from the global rate limit; the bot relies on discord.js's REST client
 * (@discordjs/rest) doing the same, so that an answer to /district is never queued behind notices at the
 * busiest minute (notices are paced by SendPacer, which interactions never touch). If an upgrade of
 * @discordjs/rest starts counting callbacks against its global window, this fails.
 */
describe('@discordjs/rest and the global limit', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.close();
    server = undefined;
  });

  it('sends an interaction callback at once while notices wait for the global window', async () => {
    const order: string[] = [];
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.includes('/callback')) res.writeHead(204).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // One request a second, so the second notice must wait for the next window.
    const rest = new REST({ api: `http://127.0.0.1:${port}/api`, globalRequestsPerSecond: 1 }).setToken('x');
    const notice = (n: number) =>
      rest.post(`/channels/${1300000000000000100n + BigInt(n)}/messages`, { body: {} }).then(() => {
        order.push(`notice ${n}`);
      });
    await notice(1);
    const queued = notice(2);
    const callback = rest
      .post('/interactions/1300000000000000900/token/callback', { body: { type: 4 }, auth: false })
      .then(() => order.push('callback'));
    await Promise.all([queued, callback]);
    expect(order).toEqual(['notice 1', 'callback', 'notice 2']);
  });
});
