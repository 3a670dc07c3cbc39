/**
 * Request headers in any of the shapes handlers have at hand: a Fetch `Headers` (Hono, Next.js
 * route handlers, Remix, Workers), Node's `IncomingHttpHeaders` (Express, Koa, Fastify's
 * `request.headers`), or a plain object. Names are matched case-insensitively. (Typed
 * structurally, so the declarations need no `@types/node`.)
 *
 * @example
 * ```ts
 * const headers: HeadersInput = req.headers; // or request.headers, or { 'x-webhook-signature': '…' }
 * ```
 */
export type HeadersInput =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The header names AgentPhone sends, as it writes them. */
export const WEBHOOK_HEADERS = {
  signature: 'X-Webhook-Signature',
  timestamp: 'X-Webhook-Timestamp',
  id: 'X-Webhook-ID',
  event: 'X-Webhook-Event',
} as const;

/**
 * Reads one header, case-insensitively. Returns every value given (a header sent twice comes
 * back as two values), or an empty array when it is missing.
 * @internal
 */
export function headerValues(headers: HeadersInput, name: string): string[] {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value === null ? [] : [value];
  }
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (Array.isArray(value)) out.push(...value.map(String));
    else out.push(String(value));
  }
  return out;
}
