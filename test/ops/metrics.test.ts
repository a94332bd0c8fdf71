import { describe, expect, it } from 'vitest';
import { BotMetrics } from '../../src/ops/metrics.js';

describe('BotMetrics', () => {
  it('counts every delivery outcome by reason code, delays of posts only, and takeovers', async () => {
    const metrics = new BotMetrics();
    metrics.delivery({ kind: 'notice', outcome: 'sent', delayMs: 2_000 });
    metrics.delivery({ kind: 'notice', outcome: 'found', delayMs: 90_000 });
    metrics.delivery({ kind: 'notice', outcome: 'missed', reason: 'day-ended' });
    metrics.delivery({ kind: 'notice', outcome: 'failed', reason: 'transient' });
    metrics.delivery({ kind: 'notice', outcome: 'paused', reason: 'missing-permissions' });
    metrics.delivery({ kind: 'reminder', outcome: 'sent', delayMs: 1_000 });
    metrics.publish({ outcome: 'published' });
    metrics.publish({ outcome: 'retrying', reason: 'rate-limited' });
    metrics.takeover();
    metrics.interaction({
      command: 'district',
      kind: 'autocomplete',
      outcome: 'autocomplete',
      durationMs: 12,
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('remembrance_notices_total{outcome="sent",reason=""} 1');
    expect(text).toContain('remembrance_notices_total{outcome="found",reason=""} 1');
    expect(text).toContain('remembrance_notices_total{outcome="missed",reason="day-ended"} 1');
    expect(text).toContain('remembrance_notices_total{outcome="failed",reason="transient"} 1');
    expect(text).toContain('remembrance_notices_total{outcome="paused",reason="missing-permissions"} 1');
    // A reminder is counted as a reminder, not as a notice, and has no place in the notices' delay.
    expect(text).toContain('remembrance_reminders_total{outcome="sent",reason=""} 1');
    expect(text).toContain('remembrance_publishes_total{outcome="published",reason=""} 1');
    expect(text).toContain('remembrance_publishes_total{outcome="retrying",reason="rate-limited"} 1');
    expect(text).toMatch(/^remembrance_notice_delay_seconds_count 2$/m);
    expect(text).toMatch(/^remembrance_notice_delay_seconds_bucket\{le="5"\} 1$/m);
    expect(text).toMatch(/^remembrance_delivery_takeovers_total 1$/m);
    expect(text).toContain(
      'remembrance_interactions_total{command="district",kind="autocomplete",outcome="autocomplete"} 1',
    );
    // Before the bot is attached there is nothing to read about the gateway or the servers.
    expect(text).not.toMatch(/^remembrance_gateway_status\{/m);
  });
});
