/**
 * How long a stop waits for sends in flight before closing the gateway anyway. Whatever stops the bot
 * (docker stop, systemd's TimeoutStopSec) must allow more than this before it kills.
 */
export const SHUTDOWN_DRAIN_MS = 10_000;
