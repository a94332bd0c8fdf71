import { createServer, type ServerResponse } from 'node:http';
import { ConfigError } from '../config/env.js';
import type { Readiness } from './readiness.js';

export interface OpsEndpoints {
  /** /readyz: 200 when ready, 503 with the reason otherwise. */
  readiness(): Promise<Readiness>;
  /** /metrics: Prometheus text exposition. */
  metrics(): Promise<{ contentType: string; body: string }>;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The operator's HTTP listener (HTTP_PORT; off unless set): /healthz answers 200 whenever the event loop runs,
 * /readyz and /metrics as {@link OpsEndpoints} says. GET (and HEAD) only; nothing else is served.
 */
export async function startOpsServer(
  host: string,
  port: number,
  endpoints: OpsEndpoints,
): Promise<OpsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'method not allowed\n');
    if (path === '/healthz') return send(response, 200, 'ok\n');
    const handle = async () => {
      if (path === '/readyz') {
        const state = await endpoints.readiness();
        return state.ready
          ? send(response, 200, 'ready\n')
          : send(response, 503, `not ready: ${state.reason}\n`);
      }
      if (path === '/metrics') {
        const { contentType, body } = await endpoints.metrics();
        return send(response, 200, body, contentType);
      }
      return send(response, 404, 'not found: try /healthz, /readyz or /metrics\n');
    };
    handle().catch((error: unknown) =>
      send(response, 500, `error: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  // A scraper that keeps connections open must not hold up the shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ConfigError(
          `HTTP_PORT ${port} cannot be opened on HTTP_HOST ${host} (${error.code ?? error.message}): ` +
            'choose another port or host, or unset HTTP_PORT.',
        ),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
) {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}
