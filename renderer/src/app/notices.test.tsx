import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppNotice } from '../../../shared/ipc/app-info';
import { installFakeFleet } from './fake-fleet.test-support';
import { NoticeList, saveDatabaseBackup, useNotices } from './notices';

function Harness(): React.JSX.Element {
  const { notices, dismiss } = useNotices();
  return <NoticeList notices={notices} onDismiss={dismiss} />;
}

describe('notices', () => {
  it('shows what main sends, errors as alerts, and dismisses them', () => {
    const fake = installFakeFleet({});
    render(<Harness />);
    act(() => fake.emit('app:notice', { level: 'error', message: 'The database is read-only.' }));
    expect(screen.getByRole('alert').textContent).toContain('The database is read-only.');
    act(() => screen.getByRole('button', { name: 'Dismiss message' }).click());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reports a saved backup with its path, stays quiet on cancel, and says what to do on failure', async () => {
    const pushed: AppNotice[] = [];
    installFakeFleet({ 'app:backup': () => ({ ok: true, value: { path: '/home/ops/fleet-backup.sqlite', bytes: 3 * 1024 * 1024 } }) });
    await saveDatabaseBackup((n) => pushed.push(n));
    installFakeFleet({ 'app:backup': () => ({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } }) });
    await saveDatabaseBackup((n) => pushed.push(n));
    installFakeFleet({ 'app:backup': () => ({ ok: false, error: { code: 'FILE_ERROR', message: 'Could not write /x: read-only' } }) });
    await saveDatabaseBackup((n) => pushed.push(n));
    expect(pushed).toEqual([
      { level: 'info', message: 'Database backup saved to /home/ops/fleet-backup.sqlite (3.0 MB).' },
      {
        level: 'error',
        message:
          'The backup failed. Could not write /x: read-only. Check that it exists, that you may read or write it, and that no other program has it open, then try again.',
      },
    ]);
  });
});
