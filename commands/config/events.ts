import type { Choice, Invocation } from '../../src/app/command.js';
import { eventsWithDay, type RemembranceEvent } from '../../src/domain/dataset.js';
import { findPlaces, resolvePlace } from '../../src/domain/name-lookup.js';
import { choiceLabel } from '../../src/i18n/place-names.js';
import type { ConfigContext } from './subcommand.js';

/**
 * The anniversary a submitted value names — an id picked from autocomplete or a typed name, resolved the
 * way /district resolves places — if it is one the bot posts (a day, not a period).
 */
export function dayEvent(ctx: ConfigContext, value: string): RemembranceEvent | undefined {
  const resolution = resolvePlace(ctx.names, ctx.dataset, value);
  if (!resolution.found) return undefined;
  return eventsWithDay(ctx.dataset).find((e) => e.id === resolution.eventId);
}

/** Autocomplete for an anniversary option: every posted anniversary, or those matching what is typed. */
export function eventChoices(ctx: ConfigContext, typed: string, invocation: Invocation): Choice[] {
  const events = eventsWithDay(ctx.dataset);
  const matches: Array<{ event: RemembranceEvent; matched: string | null }> =
    typed.trim() === ''
      ? events.map((event) => ({ event, matched: null }))
      : findPlaces(ctx.names, typed, 25).flatMap((m) => {
          const event = events.find((e) => e.id === m.eventId);
          return event ? [{ event, matched: m.matchedName }] : [];
        });
  return matches.map(({ event, matched }) => ({
    name: choiceLabel(event, invocation.language, matched),
    value: event.id,
  }));
}
