import { describe, expect, it } from 'vitest';
import { StorageError } from '../storage/storage-error';
import { backoffDelay, StorageWaitAborted, whileStorageUnavailable, type StorageWait } from './wait-for-storage';

const down = (): StorageError => new StorageError('unavailable', 'The PostgreSQL server at db.example:5432 refused the connection.');

describe('backoffDelay', () => {
  it('doubles from the least wait and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, 250, 5000))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});

describe('whileStorageUnavailable', () => {
  it('tries the same operation again while the store is unavailable, says so, and answers when it is back', async () => {
    const attempts: number[] = [];
    const waits: StorageWait[] = [];
    let recovered = 0;
    const result = await whileStorageUnavailable(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 4) throw down();
        return 'committed';
      },
      { minDelayMs: 1, maxDelayMs: 2, onWaiting: (w) => waits.push(w), onRecovered: () => (recovered += 1), now: () => new Date('2026-01-02T03:04:05Z') },
    );
    expect(result).toBe('committed');
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(waits.map((w) => [w.attempt, w.retryInMs])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
    ]);
    expect(waits.every((w) => w.since === '2026-01-02T03:04:05.000Z' && w.message.includes('db.example:5432'))).toBe(true);
    expect(recovered).toBe(1);
  });

  it('answers at once, without telling anyone, when the store answers', async () => {
    let told = 0;
    expect(await whileStorageUnavailable(async () => 7, { onWaiting: () => (told += 1), onRecovered: () => (told += 1) })).toBe(7);
    expect(told).toBe(0);
  });

  it.each([
    ['another storage problem', new StorageError('disk-full', 'The disk is full.')],
    ['a bug', new TypeError('x is undefined')],
  ])('passes %s on at once', async (_what, error) => {
    let tries = 0;
    await expect(
      whileStorageUnavailable(async () => {
        tries += 1;
        throw error;
      }),
    ).rejects.toBe(error);
    expect(tries).toBe(1);
  });

  it('stops waiting when the job is cancelled', async () => {
    const controller = new AbortController();
    let tries = 0;
    const waiting = whileStorageUnavailable(
      async () => {
        tries += 1;
        throw down();
      },
      // A wait far longer than the test: only the cancel can end it.
      { signal: controller.signal, minDelayMs: 60_000, onWaiting: () => controller.abort() },
    );
    await expect(waiting).rejects.toBeInstanceOf(StorageWaitAborted);
    expect(tries).toBe(1);
  });

  it('does not start when the job is already cancelled', async () => {
    let tries = 0;
    await expect(whileStorageUnavailable(async () => (tries += 1), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(StorageWaitAborted);
    expect(tries).toBe(0);
  });
});
