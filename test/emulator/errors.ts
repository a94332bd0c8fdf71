/** Discord's JSON error bodies, thrown by route handlers and turned into responses by the server. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    const errors = this.errors === undefined ? {} : { errors: this.errors };
    return { message: this.message, code: this.code, ...errors, ...this.extra };
  }
}

/** A request body Discord would reject: answered 400 and recorded in `violations`. */
export class ValidationError extends ApiError {}

export const Errors = {
  unauthorized: () => new ApiError(401, 0, '401: Unauthorized'),
  notFound: () => new ApiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new ApiError(405, 0, '405: Method Not Allowed'),
  unknownChannel: () => new ApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new ApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new ApiError(404, 10007, 'Unknown Member'),
  unknownRole: () => new ApiError(404, 10011, 'Unknown Role'),
  unknownMessage: () => new ApiError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => new ApiError(404, 10015, 'Unknown Webhook'),
  unknownUser: () => new ApiError(404, 10013, 'Unknown User'),
  unknownApplication: () => new ApiError(404, 10002, 'Unknown Application'),
  unknownInteraction: () => new ApiError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => new ApiError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new ApiError(403, 50001, 'Missing Access'),
  wrongChannelType: () => new ApiError(400, 50024, 'Cannot execute action on this channel type'),
  alreadyCrossposted: () => new ApiError(400, 40033, 'This message has already been crossposted.'),
  missingPermissions: () => new ApiError(403, 50013, 'Missing Permissions'),
  invalidWebhookToken: () => new ApiError(401, 50027, 'Invalid Webhook Token'),
  invalidJson: () => new ApiError(400, 50109, 'The request body contains invalid JSON.'),
  requestEntityTooLarge: () => new ApiError(413, 40005, 'Request entity too large'),
  emptyMessage: () => new ValidationError(400, 50006, 'Cannot send an empty message'),
  invalidFormBody: (errors: unknown) => new ValidationError(400, 50035, 'Invalid Form Body', errors),
  dailyCommandCreates: (retryAfterSec: number) =>
    new ApiError(
      429,
      30034,
      'Max number of daily application command creates has been reached (200)',
      undefined,
      {
        retry_after: retryAfterSec,
        global: false,
      },
    ),
};
