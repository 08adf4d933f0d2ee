/**
 * Who owns a `running` or `queued` import job, and when nobody does any more.
 *
 * A job is owned by one process INSTANCE (a random id per process: pids are reused, and on a
 * shared server another machine's pid means nothing). The owner proves it is alive with a
 * HEARTBEAT: the job's `updated_at`, refreshed every few seconds while the job runs or waits.
 * A job is orphaned (to be marked `interrupted`) when its heartbeat is stale, or, when its owner
 * runs on THIS host, as soon as its pid is dead or taken by another instance. The decision is a
 * pure function; reading and marking the jobs is the store's part.
 *
 * A team database outage: while the server is down the owner cannot write its heartbeat, and no
 * other desk can read or mark the job either. Once the server is back, the owner's next try (at
 * most `MAX_STORAGE_RETRY_MS` later, see wait-for-storage) writes the heartbeat first. A desk that
 * starts within that window sees a heartbeat older than `STALE_HEARTBEAT_MS` and marks the job
 * `interrupted`; the owner's heartbeat then touches no row, so it stops without writing and the
 * job is the other desk's to resume. A chunk both might still commit is applied once: commits are
 * idempotent by the job's cursor.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';

/** The process running (or queueing) a job. Worker threads run jobs on behalf of main's owner. */
export interface JobOwner {
  readonly pid: number;
  /** Random per process: tells a reused pid (or another machine's same pid) apart. */
  readonly instance: string;
  /** `os.hostname()`: a pid is only meaningful on its own host. */
  readonly host: string;
}

/** What a store keeps of a `running`/`queued` job to decide whether its owner is still there. */
export interface JobOwnership {
  readonly ownerPid: number | null;
  readonly ownerInstance: string | null;
  /** Null for jobs recorded before hosts were (their owner ran on this desk's single host). */
  readonly ownerHost?: string | null;
  /** The heartbeat: ISO time of the last chunk commit or heartbeat tick. */
  readonly updatedAt: string;
}

/** A live owner refreshes its jobs' heartbeat this often. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/**
 * Silent this long, a job's owner is taken for gone, wherever it runs. Six missed heartbeats:
 * long enough for a busy machine or a slow network round trip to a shared server, short enough
 * that a teammate sees a crashed colleague's import as resumable within half a minute.
 */
export const STALE_HEARTBEAT_MS = 30_000;

/** This process's identity (one per module instance: a worker thread gets its own, so main passes its owner). */
const PROCESS_OWNER: JobOwner = { pid: process.pid, instance: randomUUID(), host: os.hostname() };

export function processOwner(): JobOwner {
  return PROCESS_OWNER;
}

/** `process.kill(pid, 0)` probes without signalling: ESRCH = no such process; EPERM = alive, not ours. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

export interface OrphanCheck {
  /** The process asking (its own jobs are never orphaned). */
  readonly self: JobOwner;
  readonly now: Date;
  /** Probes a pid on this host (default `process.kill(pid, 0)`). */
  readonly isAlive?: (pid: number) => boolean;
  readonly staleMs?: number;
}

/**
 * True when a `running`/`queued` job has been abandoned. Another live owner's job (the app while
 * `vinlookup jobs` starts, a teammate's machine) is left alone while its heartbeat is fresh.
 */
export function isJobOrphaned(job: JobOwnership, check: OrphanCheck): boolean {
  const { self, now } = check;
  if (job.ownerInstance === self.instance) return false;
  // A job from before ownership was recorded: nobody can vouch for it.
  if (job.ownerPid === null || job.ownerInstance === null) return true;
  const beat = Date.parse(job.updatedAt);
  if (!Number.isFinite(beat) || now.getTime() - beat > (check.staleMs ?? STALE_HEARTBEAT_MS)) return true;
  // A pid can only be probed on its own host; a job without a host predates shared stores.
  const sameHost = (job.ownerHost ?? self.host) === self.host;
  if (!sameHost) return false;
  // Our pid but another instance: a previous process that had our pid, so it is gone.
  if (job.ownerPid === self.pid) return true;
  return !(check.isAlive ?? isPidAlive)(job.ownerPid);
}

/**
 * Beat every `intervalMs` until the returned stop is called. A beat that fails (the store busy,
 * the server unreachable) is reported and the next one tries again: one missed beat is harmless.
 */
export function startHeartbeat(beat: () => Promise<unknown>, onError: (error: unknown) => void, intervalMs = HEARTBEAT_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    beat().catch(onError);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
