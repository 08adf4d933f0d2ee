/**
 * Validate-then-call for every invoke channel.
 *
 * Handlers take already-validated requests; `dispatch` takes `unknown` from the wire, parses it
 * with the channel's zod schema from `shared/`, calls the handler and wraps the outcome in the
 * result envelope. Nothing thrown ever crosses the boundary. The Electron shell and the e2e
 * web host both call this, so the page gets identical answers from either.
 */
import type { z } from 'zod';
import {
  requestSchemas,
  type InvokeChannel,
  type RequestOf,
  type PayloadOf,
  type ResponseOf,
} from '../../../shared/ipc/contract';
import { fail, ok, type Result } from '../../../shared/ipc/result';
import { describeSqliteError, StorageError } from '../storage/sqlite/db/open-database';
import type { Logger } from '../logging/logger';
import { AppFailure } from './app-failure';

export type Handler<C extends InvokeChannel> = (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** Exactly one handler per channel: the mapped type makes a missing or extra one a type error. */
export type Handlers = { readonly [C in InvokeChannel]: Handler<C> };

/** A dispatch as the wire sees it: any channel name, any payload, an answer of unknown shape. */
export type WireDispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * Answers the contract's channels. A channel named in code with a well-typed request gets its
 * contract answer type (tests and the CLI never choose a type of their own); a name or payload
 * read off the wire (the shell, the e2e host, fuzzing) takes the second form and is checked at
 * run time by the channel's schema either way.
 */
export interface Dispatch {
  <C extends InvokeChannel>(channel: C, payload: PayloadOf<C>): Promise<Result<ResponseOf<C>>>;
  (channel: string, payload: unknown): Promise<Result<unknown>>;
}

/**
 * A wire dispatch seen through the contract's types. Sound for dispatches built by
 * `createDispatch` (and wrappers that pass its answers through): a known channel's payload is
 * parsed by its schema and answered by its `Handlers` entry, whose type is the contract's.
 */
export function typedDispatch(dispatch: WireDispatch): Dispatch {
  return dispatch as Dispatch;
}

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(requestSchemas, channel);
}

function formatIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(payload)', message: issue.message }));
}

export interface DispatchOptions {
  /** Named in STORAGE_ERROR messages ("The disk holding <file> is full"). */
  readonly databasePath?: string;
  /**
   * Told when a handler met a damaged database (SQLite's CORRUPT or NOTADB, at any moment, not
   * only at start-up), so the shell can offer the recovery path; the caller still gets STORAGE_ERROR.
   */
  readonly onDatabaseDamaged?: (error: StorageError) => void;
}

/** better-sqlite3 puts SQLite's extended result code (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, …) in `code`. */
function isSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

export function createDispatch(handlers: Handlers, logger: Logger, options: DispatchOptions = {}): Dispatch {
  return typedDispatch(async (channel, payload) => {
    if (!isInvokeChannel(channel)) return fail('INVALID_INPUT', `Unknown channel "${channel}".`);
    const schema = requestSchemas[channel];
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const details = formatIssues(parsed.error);
      const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return fail('INVALID_INPUT', `Invalid request for ${channel}: ${summary}`, details);
    }
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.code, error.message, error.details);
      // A repository call that hit the disk (full, read-only, damaged) is a storage problem the
      // user can act on, not a bug: say what is wrong. The failed transaction was rolled back.
      if (error instanceof StorageError || isSqliteError(error)) {
        const storage = describeSqliteError(error, options.databasePath ?? 'the database');
        logger.error({ err: error, channel, problem: storage.problem }, 'storage failure');
        if (storage.problem === 'corrupt') options.onDatabaseDamaged?.(storage);
        return fail('STORAGE_ERROR', storage.message);
      }
      logger.error({ err: error, channel }, 'handler failed');
      return fail('INTERNAL', `Something went wrong while handling ${channel}. Details are in the log.`);
    }
  });
}
