/** Socket and DNS failures: Discord (or the configured proxy) could not be reached at all. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The network error code behind `err` (undici wraps it in `cause`), or undefined if it is not one. */
export function networkFailureCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    // AbortError from discord.js's REST timeout: the API accepted the connection but never answered.
    if ((e as { name?: unknown }).name === 'AbortError') return 'timeout';
  }
  return undefined;
}
