/**
 * Where the fleet is stored: a SQLite file (the embedded default) or a PostgreSQL server.
 *
 * A location crosses into worker threads (structured clone), so it is plain data. The password
 * of a server URL is never part of a location's description: `describeLocation` is what logs
 * and messages show.
 */
export type StorageLocation =
  | { readonly kind: 'sqlite'; readonly path: string; readonly nativeBinding?: string; readonly busyTimeoutMs?: number }
  | { readonly kind: 'postgres'; readonly url: string };

/** The location without secrets: a file path, or `postgres://user@host:port/db`. */
export function describeLocation(location: StorageLocation): string {
  if (location.kind === 'sqlite') return location.path;
  try {
    const url = new URL(location.url);
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}
