import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import { findPlaces, resolvePlace } from '../src/domain/name-lookup.js';
import { placeReply, unknownPlaceReply } from '../src/domain/replies.js';
import { describe } from '../src/i18n/command-text.js';
import { choiceLabel } from '../src/i18n/place-names.js';

/** `/district name:` — a place's date of occupation and territory, with the source. */
export const districtCommand: Command = {
  definition: {
    name: 'district',
    ...describe('district'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        ...describe('district.name'),
        required: true,
        autocomplete: true,
        max_length: 100,
      },
    ],
  },
  visibility: 'public',
  async execute(invocation, ctx) {
    const query = String(invocation.options.name ?? '');
    const resolution = resolvePlace(ctx.names, ctx.dataset, query);
    if (!resolution.found) {
      return { reply: unknownPlaceReply(ctx.dataset, query, resolution.suggestions), ephemeral: true };
    }
    const event = ctx.dataset.events.find((e) => e.id === resolution.eventId);
    if (!event) throw new Error(`resolved to unknown event ${resolution.eventId}`);
    const [match] = findPlaces(ctx.names, query, 1);
    return { reply: placeReply(ctx.dataset, event, ctx.now(), match), ephemeral: false };
  },
  async autocomplete(request, ctx) {
    const typed = request.focused.value;
    const language = request.invocation.language;
    if (typed.trim() === '') {
      return ctx.dataset.events
        .slice(0, 25)
        .map((e) => ({ name: choiceLabel(e, language, null), value: e.id }));
    }
    return findPlaces(ctx.names, typed, 25).map((m) => {
      const event = ctx.dataset.events.find((e) => e.id === m.eventId);
      if (!event) throw new Error(`index names unknown event ${m.eventId}`);
      return { name: choiceLabel(event, language, m.matchedName), value: event.id };
    });
  },
};
