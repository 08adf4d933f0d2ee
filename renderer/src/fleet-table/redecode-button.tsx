/**
 * The toolbar's "Re-decode from vPIC" button: the selected vehicles, else the whole view.
 */
import { useState } from 'react';
import type { AppNotice } from '../../../shared/ipc/app-info';
import type { VehicleListQueryInput } from '../../../shared/vehicles/vehicle-query';
import { collectSelectedVins, redecodeFromVpic, redecodeNotice } from './redecode';
import type { Selection } from './selection';

export interface RedecodeButtonProps {
  /** The query on screen (filters and sort). */
  readonly query: VehicleListQueryInput;
  readonly selection: Selection;
  /** Selected vehicles; 0 means "every vehicle in the view". */
  readonly selectedCount: number;
  /** Vehicles in the view (null while loading). */
  readonly total: number | null;
  readonly onNotice: (notice: AppNotice) => void;
  readonly onError: (error: unknown) => void;
}

export function RedecodeButton(props: RedecodeButtonProps): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const target = props.selectedCount > 0 ? props.selectedCount : (props.total ?? 0);
  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      const vins = await collectSelectedVins(props.query, props.selectedCount > 0 ? props.selection : null);
      props.onNotice(redecodeNotice(await redecodeFromVpic(vins)));
    } catch (error) {
      props.onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button"
      disabled={busy || target === 0}
      onClick={() => void run()}
      title={props.selectedCount > 0 ? 'Ask vPIC again for the selected vehicles' : 'Ask vPIC again for every vehicle shown'}
    >
      {busy ? 'Re-decoding…' : `Re-decode from vPIC${target > 0 ? ` (${target.toLocaleString('en-US')})` : ''}`}
    </button>
  );
}
