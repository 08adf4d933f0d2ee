/**
 * Changes between desks: `announce` is a NOTIFY on one channel, and every store LISTENs on its
 * own connection (a pooled connection would drop the LISTEN when returned). Each store tags its
 * notices with a random id and ignores its own. A listening connection that breaks (the server
 * restarted) reconnects after a pause until the store closes.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StoreChange } from '../fleet-store';
import type { PostgresConnectionConfig } from '../database-url';

export const CHANGE_CHANNEL = 'fleet_vin_lookup_changes';
const RECONNECT_DELAY_MS = 1000;
const REASONS = new Set<StoreChange['reason']>(['lookup', 'import', 'remove', 'restore', 'recalls', 'redecode']);

export interface ChangeFeed {
  announce(change: StoreChange): Promise<void>;
  subscribe(listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}

/** A notice's payload, or null when it is not one of ours (another app on the channel, a bad payload). */
export function parseChangeNotice(payload: string | undefined): { origin: string; change: StoreChange } | null {
  if (payload === undefined) return null;
  try {
    const value = JSON.parse(payload) as { origin?: unknown; reason?: unknown; count?: unknown };
    if (typeof value.origin !== 'string' || typeof value.count !== 'number' || !REASONS.has(value.reason as StoreChange['reason'])) return null;
    return { origin: value.origin, change: { reason: value.reason as StoreChange['reason'], count: value.count } };
  } catch {
    return null;
  }
}

/** Start listening; resolves once the LISTEN is in place, so no later announcement is missed. */
export async function openChangeFeed(config: PostgresConnectionConfig, notify: (channel: string, payload: string) => Promise<void>): Promise<ChangeFeed> {
  const origin = randomUUID();
  const listeners = new Set<(change: StoreChange) => void>();
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ ...config });
    next.on('notification', (message) => {
      const notice = parseChangeNotice(message.payload);
      if (notice === null || notice.origin === origin) return;
      for (const listener of listeners) listener(notice.change);
    });
    // A broken listening connection must not crash the process: it is replaced.
    next.on('error', () => scheduleReconnect(next));
    next.on('end', () => scheduleReconnect(next));
    await next.connect();
    await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    client = next;
  };
  const scheduleReconnect = (broken: pg.Client): void => {
    if (closed || client !== broken || retry !== null) return;
    client = null;
    broken.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      if (!closed) connect().catch(() => scheduleReconnectLater());
    }, RECONNECT_DELAY_MS);
    retry.unref();
  };
  const scheduleReconnectLater = (): void => {
    if (closed || retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      if (!closed) connect().catch(() => scheduleReconnectLater());
    }, RECONNECT_DELAY_MS);
    retry.unref();
  };

  await connect();
  return {
    announce: (change) => notify(CHANGE_CHANNEL, JSON.stringify({ origin, reason: change.reason, count: change.count })),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      if (retry !== null) clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
