/**
 * vPIC's state for the status bar: asked once, then kept current by the `vpic:status` event.
 */
import { useEffect, useState } from 'react';
import { INITIAL_VPIC_STATUS, type VpicStatus } from '../../../shared/vpic-status';

export function useVpicStatus(): VpicStatus {
  const [status, setStatus] = useState<VpicStatus>(INITIAL_VPIC_STATUS);
  useEffect(() => {
    let live = true;
    let evented = false;
    const off = window.fleet.onVpicStatus((next) => {
      evented = true;
      setStatus(next);
    });
    void window.fleet.vpicStatus({}).then(
      (result) => {
        // An event that arrived meanwhile is newer than this answer.
        if (live && result.ok && !evented) setStatus(result.value);
      },
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

/** "vPIC online", "vPIC retrying…", "vPIC offline (breaker open)", "vPIC offline". */
export function vpicStateLabel(status: VpicStatus): string {
  switch (status.state) {
    case 'online':
      return 'vPIC online';
    case 'retrying':
      return 'vPIC retrying…';
    case 'offline':
      return status.breakerOpen ? 'vPIC offline (breaker open)' : 'vPIC offline';
    case 'unknown':
      return 'vPIC not contacted yet';
  }
}
