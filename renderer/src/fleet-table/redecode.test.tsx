import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_FLEET_FIELDS } from '../../../shared/fleet-fields/fleet-field-values';
import type { AppNotice } from '../../../shared/ipc/app-info';
import type { LookupAnswer } from '../../../shared/vehicles/vehicles-contract';
import type { VehicleRow } from '../../../shared/vehicles/vehicle-query';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { RedecodeButton } from './redecode-button';
import { redecodeNotice } from './redecode';
import { EMPTY_SELECTION, type Selection } from './selection';

afterEach(cleanup);

function row(id: number, vin: string): VehicleRow {
  return { id, vin, make: null, model: null, modelYear: null, bodyClass: null, source: 'offline', decodedAt: '2025-01-01T00:00:00.000Z', hasErrors: false, errorCodes: ['0'], attributes: {}, fleet: EMPTY_FLEET_FIELDS };
}

const ROWS = [row(1, '1XPWD40X1ED215307'), row(2, '1XKWDB0X57J211825'), row(3, '4V4NC9EJXEN171694')];

function answer(vin: string, source: 'vpic' | 'offline'): LookupAnswer {
  const vehicle = { ...makeDecodedVehicle({ vin }), source, id: 1, attributes: {}, fleet: EMPTY_FLEET_FIELDS, createdAt: 't', updatedAt: 't' };
  return { vehicle, cached: false, source, warnings: [] };
}

describe('re-decode from vPIC', () => {
  it('asks vPIC again (refresh) for the selected vehicles only, and says how many came back online', async () => {
    const fake = installFakeFleet({
      'vehicles:list': () => ({ ok: true, value: { total: ROWS.length, offset: 0, rows: ROWS } }),
      'vehicles:lookupMany': (request) => {
        const { vins } = request as { vins: string[] };
        return { ok: true, value: { results: vins.map((v, i) => answer(v, i === 0 ? 'vpic' : 'offline')), errors: [] } };
      },
    });
    const notices: AppNotice[] = [];
    const selection: Selection = { mode: 'some', ids: new Set([1, 3]), anchor: null, active: null };
    render(
      <RedecodeButton query={{ source: 'offline' }} selection={selection} selectedCount={2} total={3} onNotice={(n) => notices.push(n)} onError={vi.fn()} />,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Re-decode from vPIC (2)' }));
    await waitFor(() => expect(notices).toHaveLength(1));
    const lookups = fake.calls.filter((c) => c.channel === 'vehicles:lookupMany').map((c) => c.request);
    expect(lookups).toEqual([{ vins: ['1XPWD40X1ED215307', '4V4NC9EJXEN171694'], refresh: true }]);
    expect(notices[0]).toEqual(redecodeNotice({ online: 1, offline: 1, failed: 0 }));
    expect(notices[0]!.level).toBe('warning');
  });

  it('takes every vehicle of the view when nothing is selected', async () => {
    const fake = installFakeFleet({
      'vehicles:list': () => ({ ok: true, value: { total: ROWS.length, offset: 0, rows: ROWS } }),
      'vehicles:lookupMany': (request) => ({ ok: true, value: { results: (request as { vins: string[] }).vins.map((v) => answer(v, 'vpic')), errors: [] } }),
    });
    const notices: AppNotice[] = [];
    render(<RedecodeButton query={{}} selection={EMPTY_SELECTION} selectedCount={0} total={3} onNotice={(n) => notices.push(n)} onError={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Re-decode from vPIC (3)' }));
    await waitFor(() => expect(notices).toEqual([{ level: 'info', message: 'Re-decoded 3 from vPIC.' }]));
    expect(fake.calls.filter((c) => c.channel === 'vehicles:lookupMany')).toHaveLength(1);
  });
});
