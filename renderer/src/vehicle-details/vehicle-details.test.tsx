import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FLEET_FIELDS } from '../../../shared/fleet-fields/fleet-field-values';
import type { Vehicle } from '../../../shared/vehicle';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { VehicleDetails } from './vehicle-details';

afterEach(cleanup);

function vehicle(source: 'vpic' | 'offline'): Vehicle {
  const decoded = makeDecodedVehicle({ source, driveType: null });
  return {
    ...decoded,
    raw: { ...decoded.raw, DriveType: '', TrailerLength: '', OfflineMissingFields: 'DriveType,TrailerLength' },
    id: 4,
    attributes: {},
    fleet: EMPTY_FLEET_FIELDS,
    createdAt: '2025-01-15T10:00:00.000Z',
    updatedAt: '2025-01-15T10:00:00.000Z',
  };
}

describe('VehicleDetails', () => {
  it('says which fields the offline data could not provide for an offline record', async () => {
    installFakeFleet({ 'vehicles:get': () => ({ ok: true, value: vehicle('offline') }) });
    render(<VehicleDetails id={4} version={0} selectedCount={1} onClose={() => undefined} />);
    const note = await screen.findByText(/Decoded offline: the offline data cannot provide/);
    expect(note.textContent).toContain('Drive Type or 1 other vPIC field');
  });

  it('says nothing of the kind for a vPIC record', async () => {
    installFakeFleet({ 'vehicles:get': () => ({ ok: true, value: vehicle('vpic') }) });
    render(<VehicleDetails id={4} version={0} selectedCount={1} onClose={() => undefined} />);
    await screen.findAllByText(/PETERBILT/);
    expect(screen.queryByText(/offline data cannot provide/)).toBeNull();
  });
});
