import { describe, expect, it } from 'vitest';
import { startOpsServer } from '../../src/ops/http-server.js';
import type { Readiness } from '../../src/ops/readiness.js';

describe('the ops HTTP listener', () => {
  it('answers /healthz always, /readyz with the reason, /metrics, and nothing else', async () => {
    let state: Readiness = { ready: false, reason: 'starting' };
    const server = await startOpsServer('127.0.0.1', 0, {
      readiness: async () => state,
      metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'up 1\n' }),
    });
    const get = async (path: string, method = 'GET') => {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
      return [response.status, await response.text()];
    };
    try {
      expect(await get('/healthz')).toEqual([200, 'ok\n']);
      expect(await get('/readyz')).toEqual([503, 'not ready: starting\n']);
      state = { ready: true };
      expect(await get('/readyz?verbose')).toEqual([200, 'ready\n']);
      expect(await get('/metrics')).toEqual([200, 'up 1\n']);
      expect(await get('/')).toEqual([404, 'not found: try /healthz, /readyz or /metrics\n']);
      expect(await get('/healthz', 'POST')).toEqual([405, 'method not allowed\n']);
    } finally {
      await server.close();
    }
  });

  it('a failing check answers 500 with its message, and the listener keeps serving', async () => {
    const server = await startOpsServer('127.0.0.1', 0, {
      readiness: async () => {
        throw new Error('boom');
      },
      metrics: async () => ({ contentType: 'text/plain', body: '' }),
    });
    try {
      const failed = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect([failed.status, await failed.text()]).toEqual([500, 'error: boom\n']);
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
