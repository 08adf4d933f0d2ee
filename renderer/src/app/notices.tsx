/**
 * Messages for the user that are not tied to one control: notices main sends (`app:notice`) and
 * the outcome of app-wide commands such as Help › Save Database Backup….
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppNotice } from '../../../shared/ipc/app-info';
import { describeError } from './error-text';

export interface ShownNotice extends AppNotice {
  readonly id: number;
}

let nextId = 1;

export function useNotices(): {
  notices: readonly ShownNotice[];
  push: (notice: AppNotice) => void;
  dismiss: (id: number) => void;
  clear: () => void;
} {
  const [notices, setNotices] = useState<readonly ShownNotice[]>([]);
  const push = useCallback((notice: AppNotice) => {
    // Keep the last few: a burst of notices must not push the window's content away.
    setNotices((list) => [...list.slice(-2), { ...notice, id: nextId++ }]);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const clear = useCallback(() => setNotices([]), []);
  useEffect(() => window.fleet.onAppNotice(push), [push]);
  return { notices, push, dismiss, clear };
}

export function NoticeList({ notices, onDismiss }: { notices: readonly ShownNotice[]; onDismiss: (id: number) => void }): React.JSX.Element | null {
  if (notices.length === 0) return null;
  return (
    <div className="notice-list">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <span>{notice.message}</span>
          <button type="button" className="button-icon" aria-label="Dismiss message" onClick={() => onDismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** Help › Save Database Backup…: SQLite's online backup through the save dialog. */
export async function saveDatabaseBackup(push: (notice: AppNotice) => void): Promise<void> {
  const result = await window.fleet.appBackup({});
  if (result.ok) {
    const mb = (result.value.bytes / (1024 * 1024)).toFixed(1);
    push({ level: 'info', message: `Database backup saved to ${result.value.path} (${mb} MB).` });
  } else if (result.error.code !== 'CANCELLED') {
    push({ level: 'error', message: `The backup failed. ${describeError(result.error)}` });
  }
}
