import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkUploadLimits, parseMultipart, type UploadedFile } from './attachments.js';
import { ApiError, Errors, ValidationError } from './errors.js';
import type { Faults } from './faults.js';
import {
  type BucketLimiter,
  type BucketState,
  bucketHeaders,
  bucketHeadersFor,
  type GlobalLimiter,
} from './rate-limits.js';
import { guessTemplate, type Reply, type Router } from './router.js';
import type { Fault, RecordedRequest, Violation } from './types.js';

/** The HTTP side: records every request, then auth, global limit, faults, buckets, the route, the response. */

export class Ledger {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  globalRateLimitHits = 0;
  invalidRequests = 0;
}

export interface RestServerOptions {
  token: string;
  router: Router;
  faults: Faults;
  buckets: BucketLimiter;
  global: GlobalLimiter | undefined;
  ledger: Ledger;
  now: () => number;
  logRequests: boolean;
}

const PREFIX = '/api/v10';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON bodies; for multipart ones, the payload_json part as the body and the `files[n]` parts with their bytes. */
function parseBody(raw: Buffer, contentType: string): { body: unknown; files: UploadedFile[] } {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const { fields, files } = parseMultipart(raw, contentType);
    const json = fields.get('payload_json');
    return { body: json === undefined ? {} : JSON.parse(json), files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

function faultReply(fault: Exclude<Fault, { status: 'drop' | 'hold' | 'swallow' }>): {
  reply: Reply;
  headers: Record<string, string>;
} {
  switch (fault.status) {
    case 429: {
      // Discord's Retry-After header is whole seconds; a fractional one keeps tests fast, and
      // @discordjs/rest reads it with Number().
      const retryAfter = fault.retryAfter ?? 0.1;
      const scope = fault.global ? 'global' : (fault.scope ?? 'user');
      const headers: Record<string, string> = {
        'Retry-After': String(retryAfter),
        'X-RateLimit-Scope': scope,
      };
      if (scope === 'global') headers['X-RateLimit-Global'] = 'true';
      else
        Object.assign(headers, {
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset-After': String(retryAfter),
        });
      const body = {
        message: 'You are being rate limited.',
        retry_after: retryAfter,
        global: scope === 'global',
      };
      return { reply: { status: 429, body }, headers };
    }
    case 403:
      return {
        reply: {
          status: 403,
          body: (fault.code === 50013 ? Errors.missingPermissions() : Errors.missingAccess()).body,
        },
        headers: {},
      };
    case 404:
      return { reply: { status: 404, body: Errors.unknownChannel().body }, headers: {} };
    default:
      return {
        reply: { status: fault.status, body: { message: `${fault.status}: Server Error`, code: 0 } },
        headers: {},
      };
  }
}

export function createRestServer(o: RestServerOptions): Server {
  const { ledger } = o;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const versioned = url.pathname.startsWith(`${PREFIX}/`);
    const path = (versioned ? url.pathname.slice(PREFIX.length) : url.pathname)
      .split('/')
      .map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      })
      .join('/');
    const matched = versioned ? o.router.match(method, path) : undefined;
    const route =
      matched && matched.route.method !== '*' ? matched.route.template : guessTemplate(method, path);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = String(v);
    const raw = await readBody(req);
    let body: unknown;
    let files: UploadedFile[] = [];
    let badJson = false;
    try {
      ({ body, files } = parseBody(raw, headers['content-type'] ?? ''));
    } catch {
      badJson = true;
      body = raw.toString('utf8');
    }
    const record: RecordedRequest = {
      method,
      path,
      route,
      query: Object.fromEntries(url.searchParams),
      body,
      ...(files.length ? { files } : {}),
      headers,
      status: 0,
      time: o.now(),
    };
    ledger.requests.push(record);

    const extraHeaders: Record<string, string> = {};
    let bucket: BucketState | undefined;
    let reply: Reply;
    try {
      if (!matched) throw Errors.notFound();
      if (matched.route.method === '*') throw Errors.methodNotAllowed();
      if (!matched.route.interaction && headers.authorization !== `Bot ${o.token}`)
        throw Errors.unauthorized();
      if (o.global && !matched.route.interaction) {
        const waitMs = o.global.take();
        if (waitMs !== undefined) {
          ledger.globalRateLimitHits++;
          ledger.violations.push({ route, message: 'global rate limit exceeded', body });
          const retryAfter = Math.max(waitMs, 1) / 1000;
          Object.assign(extraHeaders, {
            'Retry-After': retryAfter.toFixed(3),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          });
          throw new ApiError(429, 0, 'You are being rate limited.', undefined, {
            retry_after: retryAfter,
            global: true,
          });
        }
      }
      // Interaction callbacks are not bucketed by Discord (discord.js sends them through its burst handler).
      bucket = o.buckets.take(route, path, Date.now(), path.startsWith('/interactions/'));
      const channelId = path.startsWith('/channels/') ? matched.params[0] : undefined;
      const fault = o.faults.take({ method, route, path, channelId });
      if (fault?.status === 'drop') {
        // An RST rather than a FIN: undici reports ECONNRESET, which @discordjs/rest retries like Discord's resets.
        req.socket.resetAndDestroy();
        return;
      }
      const handle = () =>
        matched.route.handler({
          method,
          path,
          route,
          params: matched.params,
          query: url.searchParams,
          body,
          files,
          headers,
        });
      if (fault?.status === 'hold' || fault?.status === 'swallow') {
        if (fault.status === 'swallow') await handle();
        // No answer: the request stays in flight until the client closes the connection (or is killed).
        await new Promise<void>((resolve) => {
          if (req.socket.destroyed) resolve();
          else req.socket.once('close', () => resolve());
        });
        return;
      }
      if (fault && 'afterHandling' in fault) {
        await handle();
        reply = faultReply(fault).reply;
      } else if (fault) {
        const f = faultReply(fault);
        Object.assign(extraHeaders, f.headers);
        reply = f.reply;
      } else if (bucket.retryAfterMs !== undefined) {
        const retryAfter = bucket.retryAfterMs / 1000;
        Object.assign(extraHeaders, { 'Retry-After': retryAfter.toFixed(3), 'X-RateLimit-Scope': 'user' });
        reply = {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        };
      } else {
        if (badJson) throw Errors.invalidJson();
        checkUploadLimits(files);
        reply = await handle();
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error instanceof ValidationError) ledger.violations.push({ route, message: describe(error), body });
      if (error.status === 429 && !extraHeaders['Retry-After']) {
        extraHeaders['Retry-After'] = String(error.extra.retry_after ?? 1);
      }
      reply = { status: error.status, body: error.body };
    }

    const scope = extraHeaders['X-RateLimit-Scope'];
    if ([401, 403].includes(reply.status) || (reply.status === 429 && scope !== 'shared'))
      ledger.invalidRequests++;
    record.status = reply.status;
    // Discord's global 429s carry no bucket headers; every other response does.
    const rateHeaders = extraHeaders['X-RateLimit-Global']
      ? {}
      : bucket
        ? bucketHeaders(bucket)
        : bucketHeadersFor(o.buckets, route, path);
    const out: Record<string, string> = { ...rateHeaders, ...extraHeaders };
    if (reply.body !== undefined && reply.status !== 204) out['Content-Type'] = 'application/json';
    res.writeHead(reply.status, out);
    res.end(reply.body !== undefined && reply.status !== 204 ? JSON.stringify(reply.body) : undefined);
    if (o.logRequests) console.log(`[discord-emulator] ${method} ${path} -> ${reply.status}`);
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[discord-emulator] internal error', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
    });
  });
}

function describe(error: ApiError): string {
  return error.errors === undefined
    ? `${error.code} ${error.message}`
    : `${error.code} ${JSON.stringify(error.errors)}`;
}
