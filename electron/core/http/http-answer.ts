/**
 * Facts about an HTTP answer that every NHTSA API client reads the same way.
 *
 * Which statuses are worth another try, how long `Retry-After` asks to wait, and whether a body
 * is an HTML error page from a proxy rather than the JSON the API speaks.
 */

/** Statuses worth another try: timeouts, throttling and server-side failures (RFC 9110 §15). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Delay a `Retry-After` header asks for, in ms, capped at `maxMs`; undefined when absent/invalid.
 *
 * The header is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 */
export function parseRetryAfter(header: string | null, now: Date, maxMs: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (trimmed.length === 0) return undefined;
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now.getTime());
  }
  return Math.min(ms, maxMs);
}

/** True when a body is an HTML page (a gateway's error page) rather than an API answer. */
export function looksLikeHtml(body: string, contentType: string | null): boolean {
  if (contentType !== null && contentType.toLowerCase().includes('text/html')) return true;
  return /^\s*<(!doctype|html|head|body)/i.test(body);
}
