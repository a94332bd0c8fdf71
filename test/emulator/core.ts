import type { CommandStore } from './commands.js';
import type { Gateway } from './gateway.js';
import type { InteractionRegistry } from './interactions.js';
import type { MessageStore } from './messages.js';
import type { Ledger } from './server.js';
import type { World } from './world.js';

/** What route modules share: resolved options and the emulator's state. */

export interface ResolvedOptions {
  token: string;
  applicationId: string;
  botUserId: string;
  botUsername: string;
  heartbeatIntervalMs: number;
  shardCount: number;
  maxConcurrency: number;
  globalRateLimit: number | false;
  routeRateLimit: { limit: number; windowMs: number };
  interactionAckTimeoutMs: number;
  interactionTokenTtlMs: number;
  nonceWindowMs: number;
  privilegedIntents: boolean;
  now: () => number;
  logRequests: boolean;
}

export interface Core {
  opts: ResolvedOptions;
  world: World;
  gateway: Gateway;
  ledger: Ledger;
  commands: CommandStore;
  messages: MessageStore;
  interactions: InteractionRegistry;
  ids: () => string;
  timestamp: () => string;
  gatewayUrl: () => string;
}
