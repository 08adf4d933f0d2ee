/**
 * The recovery prompt for a database found damaged while the app runs, against a mocked dialog.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StorageError } from '../core/storage/sqlite/db/open-database';
import { silentLogger } from '../core/logging/logger';

const answers: number[] = [];
const shown: { buttons: string[]; cancelId: number; message: string }[] = [];
const opened: string[] = [];

vi.mock('electron', () => ({
  dialog: {
    showMessageBox: (options: { buttons: string[]; cancelId: number; message: string }) => {
      shown.push(options);
      return Promise.resolve({ response: answers.shift() ?? options.cancelId });
    },
    showErrorBox: () => undefined,
    showMessageBoxSync: () => 0,
  },
  shell: { openPath: (p: string) => (opened.push(p), Promise.resolve('')) },
}));

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-recover-'));
  file = path.join(dir, 'fleet.sqlite');
  fs.writeFileSync(file, 'damaged');
  fs.writeFileSync(`${file}-wal`, 'wal');
  answers.length = 0;
  shown.length = 0;
  opened.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const damage = (): StorageError => new StorageError('corrupt', 'The database file is damaged.');

describe('offerRecoveryWhileRunning', () => {
  it('keeps working by default (Escape), touching nothing', async () => {
    const { offerRecoveryWhileRunning } = await import('./database-recovery');
    const actions = { closeCore: vi.fn(async () => undefined), relaunch: vi.fn() };
    expect(await offerRecoveryWhileRunning(damage(), file, silentLogger(), actions)).toBe('kept');
    expect(shown[0]).toMatchObject({ buttons: ['Keep working', 'Move it aside and restart', 'Open data folder'], cancelId: 0 });
    expect(shown[0]!.message).toBe('The database file is damaged.');
    expect(actions.closeCore).not.toHaveBeenCalled();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('opens the folder and asks again; then closes the core, moves the files aside and relaunches', async () => {
    const { offerRecoveryWhileRunning } = await import('./database-recovery');
    const order: string[] = [];
    const actions = {
      closeCore: vi.fn(async () => void order.push(`close (db present: ${fs.existsSync(file)})`)),
      relaunch: vi.fn(() => void order.push(`relaunch (db present: ${fs.existsSync(file)})`)),
    };
    answers.push(2, 1);
    expect(await offerRecoveryWhileRunning(damage(), file, silentLogger(), actions)).toBe('moved');
    expect(opened).toEqual([dir]);
    expect(shown).toHaveLength(2);
    expect(order).toEqual(['close (db present: true)', 'relaunch (db present: false)']);
    const moved = fs.readdirSync(dir).sort();
    expect(moved).toHaveLength(2);
    expect(moved.every((name) => name.startsWith('fleet.sqlite.unusable-'))).toBe(true);
  });
});
