import type { Fault, FaultMatch } from './types.js';

/** Injected failures: each armed fault answers the next `times` matching requests. */

interface ArmedFault {
  match: FaultMatch;
  fault: Fault;
  remaining: number;
}

export interface FaultTarget {
  method: string;
  route: string;
  path: string;
  channelId?: string;
}

function routeMatches(want: string | RegExp, t: FaultTarget): boolean {
  if (want instanceof RegExp) return want.test(t.route) || want.test(t.path);
  if (want.includes(' ')) return want === t.route;
  return want === t.route.slice(t.route.indexOf(' ') + 1) || want === t.path;
}

export class Faults {
  private readonly armed: ArmedFault[] = [];

  arm(match: FaultMatch, fault: Fault, times = 1): void {
    if (times > 0) this.armed.push({ match, fault, remaining: times });
  }

  take(t: FaultTarget): Fault | undefined {
    const hit = this.armed.find(
      ({ match }) =>
        (!match.method || match.method.toUpperCase() === t.method) &&
        (!match.route || routeMatches(match.route, t)) &&
        (!match.channelId || match.channelId === t.channelId),
    );
    if (!hit) return undefined;
    hit.remaining--;
    if (hit.remaining <= 0) this.armed.splice(this.armed.indexOf(hit), 1);
    return hit.fault;
  }

  get pending(): number {
    return this.armed.reduce((n, f) => n + f.remaining, 0);
  }
}
