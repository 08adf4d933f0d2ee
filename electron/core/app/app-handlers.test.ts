/**
 * app:backup through whatever store holds the fleet: a SQLite file is copied, a store without a
 * one-file copy (a server) gets a clear answer instead of a crash.
 */
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/ipc/app-info';
import { AppFailure } from '../ipc/app-failure';
import { silentLogger } from '../logging/logger';
import type { FleetStore } from '../storage/fleet-store';
import { createAppHandlers } from './app-handlers';

const INFO = {} as AppInfo;
const NOW = new Date(2026, 2, 4, 5, 6);

function handlersFor(store: Pick<FleetStore, 'backup' | 'location'>, chosen: string | null = '/backups/fleet.sqlite') {
  const asked: string[] = [];
  const handlers = createAppHandlers({
    info: () => INFO,
    store,
    chooseSavePath: async (request) => {
      asked.push(request.defaultName);
      return chosen;
    },
    now: () => NOW,
    logger: silentLogger(),
  });
  return { handlers, asked };
}

describe('app:backup', () => {
  it('copies the store into the file the user chose', async () => {
    const targets: string[] = [];
    const { handlers, asked } = handlersFor({
      location: { kind: 'sqlite', path: '/data/fleet.sqlite' },
      backup: async (target) => {
        targets.push(target);
        return { path: target, bytes: 4096 };
      },
    });
    expect(await handlers['app:backup']({})).toEqual({ path: '/backups/fleet.sqlite', bytes: 4096 });
    expect(targets).toEqual(['/backups/fleet.sqlite']);
    expect(asked).toHaveLength(1);
  });

  it('says a server store is backed up with the server’s own tools, without asking where to save', async () => {
    const { handlers, asked } = handlersFor({ location: { kind: 'postgres', url: 'postgres://fleet@db.example/fleet' } });
    const answer = Promise.resolve(handlers['app:backup']({}));
    await expect(answer).rejects.toBeInstanceOf(AppFailure);
    await expect(answer).rejects.toThrow(/server's own tools/);
    expect(asked).toEqual([]);
  });

  it('is cancelled when the user closes the save dialog', async () => {
    const { handlers } = handlersFor({ location: { kind: 'sqlite', path: '/data/fleet.sqlite' }, backup: async () => ({ path: '', bytes: 0 }) }, null);
    await expect(Promise.resolve(handlers['app:backup']({}))).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
