/**
 * The import queue: files run one after another. Knows nothing of workers or stores: it runs
 * entries in order through `run`, and a run that throws is handed to `onRunFailed` (awaited
 * before the next run starts) so a broken run can never jam the queue.
 */
export interface QueuedRun {
  readonly jobId: string;
}

export interface ImportQueue<E extends QueuedRun> {
  /** Queue an entry; returns how many are ahead of it. */
  push(entry: E): number;
  /** The queued (not running) entry for `jobId`, taken out of the queue. */
  take(jobId: string): E | undefined;
  readonly running: E | null;
  /** Queued or running (and not yet finished) for this job. */
  holds(jobId: string, finished?: (entry: E) => boolean): boolean;
  readonly length: number;
  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void>;
  /** Forget the queue and release every `whenIdle` waiter; no new run starts. */
  close(): void;
}

export function createImportQueue<E extends QueuedRun>(run: (entry: E) => Promise<void>, onRunFailed: (entry: E, error: unknown) => void | Promise<void>): ImportQueue<E> {
  const queue: E[] = [];
  let running: E | null = null;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  function releaseWaiters(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function settleIdle(): void {
    if (!running && queue.length === 0) releaseWaiters();
  }

  function pump(): void {
    if (running || closed) return;
    const next = queue.shift();
    if (!next) {
      settleIdle();
      return;
    }
    running = next;
    // Through a promise, so a synchronous throw (worker entry missing, job gone) cannot skip the
    // `finally` below and leave `running` set: that would jam the queue for good.
    Promise.resolve()
      .then(() => run(next))
      .catch((error: unknown) => onRunFailed(next, error))
      .finally(() => {
        running = null;
        pump();
      });
  }

  return {
    push(entry) {
      const ahead = queue.length + (running ? 1 : 0);
      queue.push(entry);
      pump();
      return ahead;
    },
    take(jobId) {
      const index = queue.findIndex((e) => e.jobId === jobId);
      if (index < 0) return undefined;
      const [removed] = queue.splice(index, 1);
      settleIdle();
      return removed;
    },
    get running() {
      return running;
    },
    holds(jobId, finished = () => false) {
      return (running?.jobId === jobId && !finished(running)) || queue.some((e) => e.jobId === jobId);
    },
    get length() {
      return queue.length;
    },
    whenIdle() {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    close() {
      closed = true;
      queue.length = 0;
      releaseWaiters();
    },
  };
}
