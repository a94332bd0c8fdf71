import type { UploadedFile } from './attachments.js';

/** A tiny router over route templates such as 'POST /channels/:id/messages' (':id' and ':token' match a segment). */

export interface RouteContext {
  method: string;
  path: string;
  route: string;
  /** The ':id'/':token' segments of the path, in order. */
  params: string[];
  query: URLSearchParams;
  body: unknown;
  /** The `files[n]` parts of a multipart request (none for JSON). */
  files: UploadedFile[];
  headers: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type RouteHandler = (ctx: RouteContext) => Reply | Promise<Reply>;

interface CompiledRoute {
  method: string;
  segments: string[];
  template: string;
  handler: RouteHandler;
  /** Exempt from the global rate limit, as Discord exempts interaction endpoints. */
  interaction: boolean;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(template: string, handler: RouteHandler): this {
    const [method, path] = template.split(' ') as [string, string];
    this.routes.push({
      method,
      segments: path.split('/').slice(1),
      template,
      handler,
      interaction: path.startsWith('/interactions/') || path.startsWith('/webhooks/:id/:token'),
    });
    return this;
  }

  match(method: string, path: string): { route: CompiledRoute; params: string[] } | undefined {
    const parts = path.split('/').slice(1);
    let pathOnly: { route: CompiledRoute; params: string[] } | undefined;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: string[] = [];
      const ok = route.segments.every((seg, i) => {
        const part = parts[i] as string;
        if (seg === ':id' || seg === ':token') {
          if (part === '' || part.startsWith('@')) return false;
          params.push(part);
          return true;
        }
        return seg === part;
      });
      if (!ok) continue;
      if (route.method === method) return { route, params };
      pathOnly ??= { route, params };
    }
    return pathOnly && { route: { ...pathOnly.route, method: '*' }, params: pathOnly.params };
  }
}

/** The template a recorded request is filed under when no route matches: ids become ':id'. */
export function guessTemplate(method: string, path: string): string {
  return `${method} ${path.replace(/\/\d{17,19}(?=\/|$)/g, '/:id')}`;
}
