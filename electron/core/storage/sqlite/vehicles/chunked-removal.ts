/**
 * Remove and restore many vehicles without blocking the main process.
 *
 * better-sqlite3 is synchronous: one 200,000-row DELETE holds the event loop (and every IPC
 * answer, every repaint request) until it ends. Here the work goes in short write transactions of
 * a size that adapts to the machine (each aims at a few milliseconds), with a `setImmediate` turn
 * of the event loop between them so lookups, table pages and input keep being served, and a
 * progress report after each chunk. Each chunk commits on its own; a removal that fails half-way
 * puts back what it had moved, so the user sees all or nothing.
 */
import type { RemovalProgress } from '../../../../../shared/vehicles/vehicles-contract';
import type { StashedRemoval, UndoStash } from './undo-stash';

export interface ChunkOptions {
  /** Time one chunk should take; the chunk size follows it (default 8 ms). */
  readonly budgetMs?: number;
  readonly onProgress?: (progress: RemovalProgress) => void;
  /** Let the event loop run between chunks; default one `setImmediate` turn. */
  readonly yieldToLoop?: () => Promise<void>;
}

const FIRST_CHUNK = 200;
const MIN_CHUNK = 20;
const MAX_CHUNK = 5_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The next chunk size: scaled towards the time budget, never more than doubling at once. */
export function nextChunkSize(size: number, elapsedMs: number, budgetMs: number): number {
  const scaled = elapsedMs <= 0 ? size * 2 : Math.round((size * budgetMs) / elapsedMs);
  return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, size * 2, scaled));
}

export async function removeInChunks(
  stash: UndoStash,
  ids: readonly number[],
  options: ChunkOptions = {},
): Promise<{ removed: number; token: string; expiresAt: Date }> {
  const budgetMs = options.budgetMs ?? 8;
  const yieldToLoop = options.yieldToLoop ?? nextTurn;
  const writer = stash.begin();
  let size = FIRST_CHUNK;
  try {
    for (let offset = 0; offset < ids.length; ) {
      const chunk = ids.slice(offset, offset + size);
      const started = performance.now();
      writer.moveChunk(chunk);
      size = nextChunkSize(size, performance.now() - started, budgetMs);
      offset += chunk.length;
      options.onProgress?.({ operation: 'remove', done: offset, total: ids.length });
      if (offset < ids.length) await yieldToLoop();
    }
  } catch (error) {
    writer.putBack();
    throw error;
  }
  const { token, expiresAt } = writer.seal();
  return { removed: writer.count, token, expiresAt };
}

/** Move a sealed removal back into the fleet; resolves with how many vehicles came back. */
export async function restoreInChunks(stashed: StashedRemoval, options: ChunkOptions = {}): Promise<number> {
  const budgetMs = options.budgetMs ?? 8;
  const yieldToLoop = options.yieldToLoop ?? nextTurn;
  let size = FIRST_CHUNK;
  let restored = 0;
  let done = 0;
  for (;;) {
    const started = performance.now();
    const step = stashed.restoreChunk(size);
    restored += step.restored;
    done = Math.min(stashed.count, done + size);
    size = nextChunkSize(size, performance.now() - started, budgetMs);
    options.onProgress?.({ operation: 'restore', done: step.done ? stashed.count : done, total: stashed.count });
    if (step.done) return restored;
    await yieldToLoop();
  }
}
