import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LookupAnswer } from '../../../shared/vehicles/vehicles-contract';
import type { Vehicle } from '../../../shared/vehicle';
import { EMPTY_FLEET_FIELDS } from '../../../shared/fleet-fields/fleet-field-values';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { LookupForm } from './lookup-form';

const vehicle: Vehicle = {
  ...makeDecodedVehicle(),
  id: 7,
  fleet: EMPTY_FLEET_FIELDS,
  attributes: {},
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};

function answer(overrides: Partial<LookupAnswer> = {}): LookupAnswer {
  return { vehicle, cached: false, source: 'vpic', warnings: [], ...overrides };
}

afterEach(cleanup);

describe('LookupForm', () => {
  it('normalises a pasted VIN, submits with Enter and shows the answer and its source', async () => {
    const fake = installFakeFleet({ 'vehicles:lookup': () => ({ ok: true, value: answer() }) });
    const user = userEvent.setup();
    render(<LookupForm />);
    await user.type(screen.getByLabelText('VIN'), '1xp-wd40x 1ed215307{Enter}');
    expect(await screen.findByText('Decoded online')).toBeTruthy();
    expect(fake.calls).toEqual([{ channel: 'vehicles:lookup', request: { vin: '1XPWD40X1ED215307' } }]);
    expect(screen.getByText('PETERBILT')).toBeTruthy();
    expect(screen.getByText('Truck-Tractor')).toBeTruthy();
  });

  it('points at a forbidden letter live and sends nothing on submit', async () => {
    const fake = installFakeFleet({ 'vehicles:lookup': () => ({ ok: true, value: answer() }) });
    const user = userEvent.setup();
    render(<LookupForm />);
    await user.type(screen.getByLabelText('VIN'), '1XPWD4OX1ED215307');
    expect(screen.getByText(/Letter O at position 7 is never used in VINs/)).toBeTruthy();
    const marked = screen.getByLabelText('VIN with problem positions marked').querySelectorAll('mark');
    expect([...marked].map((m) => m.textContent)).toEqual(['O']);
    expect(marked[0]?.getAttribute('title')).toBe('Position 7');
    await user.click(screen.getByRole('button', { name: 'Look up' }));
    expect(fake.calls).toHaveLength(0);
    expect(screen.getByLabelText('VIN').getAttribute('aria-invalid')).toBe('true');
  });

  it('says a short VIN is too short only once submitted, without a request', async () => {
    const fake = installFakeFleet({});
    const user = userEvent.setup();
    render(<LookupForm />);
    await user.type(screen.getByLabelText('VIN'), '1XPWD40');
    expect(screen.queryByText(/it needs 17/)).toBeNull();
    await user.keyboard('{Enter}');
    expect(screen.getByText(/VIN has 7 characters; it needs 17/)).toBeTruthy();
    expect(fake.calls).toHaveLength(0);
  });

  it('warns about a check-digit mismatch but still looks the VIN up', async () => {
    const fake = installFakeFleet({ 'vehicles:lookup': () => ({ ok: true, value: answer({ cached: true }) }) });
    const user = userEvent.setup();
    render(<LookupForm />);
    await user.type(screen.getByLabelText('VIN'), '1XPWD40X2ED215307');
    expect(screen.getByText(/Check digit at position 9 is 2 but should be 1/)).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('From cache')).toBeTruthy();
    expect(fake.calls).toHaveLength(1);
  });

  it('shows a failed lookup as a readable message with its code', async () => {
    installFakeFleet({ 'vehicles:lookup': () => ({ ok: false, error: { code: 'DECODE_FAILED', message: 'vPIC and the snapshot could not decode it' } }) });
    const user = userEvent.setup();
    render(<LookupForm />);
    await user.type(screen.getByLabelText('VIN'), '1XPWD40X1ED215307{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('vPIC and the snapshot could not decode it');
    expect(alert.textContent).toContain('DECODE_FAILED');
  });

  it('re-decodes with refresh: true and describes vPIC codes in words', async () => {
    const fake = installFakeFleet({
      'vehicles:lookup': (request) => {
        const refreshed = (request as { refresh?: boolean }).refresh === true;
        const redecoded: Vehicle = { ...vehicle, errorCodes: ['1', '11'], source: 'offline' };
        return { ok: true, value: refreshed ? answer({ vehicle: redecoded, source: 'offline' }) : answer() };
      },
    });
    const user = userEvent.setup();
    render(<LookupForm />);
    await user.type(screen.getByLabelText('VIN'), '1XPWD40X1ED215307{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Refresh from vPIC' }));
    expect(await screen.findByText('Decoded offline')).toBeTruthy();
    expect(fake.calls[1]).toEqual({ channel: 'vehicles:lookup', request: { vin: '1XPWD40X1ED215307', refresh: true } });
    expect(screen.getByText(/vPIC code 11: The model year is wrong or could not be determined/)).toBeTruthy();
  });

  it('decodes a pasted list of VINs as one batch and lists what happened to each', async () => {
    const other: Vehicle = { ...vehicle, id: 8, vin: '4V4NC9EJXEN171694', make: 'VOLVO TRUCK' };
    const fake = installFakeFleet({
      'vehicles:lookupMany': () => ({
        ok: true,
        value: {
          results: [answer(), answer({ vehicle: other, cached: true })],
          errors: [{ input: '123', code: 'INVALID_INPUT', message: 'VIN has 3 characters; it needs 17' }],
        },
      }),
    });
    const onLookedUp = vi.fn();
    const user = userEvent.setup();
    render(<LookupForm onLookedUp={onLookedUp} />);
    await user.click(screen.getByLabelText('VIN'));
    await user.paste('1XPWD40X1ED215307\n4V4NC9EJXEN171694\t123');
    expect((screen.getByLabelText('VIN') as HTMLInputElement).value).toBe('1XPWD40X1ED215307, 4V4NC9EJXEN171694, 123');
    await user.click(screen.getByRole('button', { name: 'Look up 3' }));
    const results = await screen.findByRole('region', { name: 'Lookup results' });
    expect(results.textContent).toContain('2 decoded, 1 not decoded');
    expect(results.textContent).toContain('VIN has 3 characters; it needs 17. Check the value and try again.');
    expect(fake.calls).toEqual([{ channel: 'vehicles:lookupMany', request: { vins: ['1XPWD40X1ED215307', '4V4NC9EJXEN171694', '123'] } }]);
    expect(onLookedUp).toHaveBeenCalledWith([answer(), answer({ vehicle: other, cached: true })]);
  });

  it('Escape cancels a long lookup and its late answer is dropped', async () => {
    let resolve: (value: unknown) => void = () => undefined;
    installFakeFleet({ 'vehicles:lookup': () => new Promise((r) => (resolve = r)) });
    const onLookedUp = vi.fn();
    const user = userEvent.setup();
    render(<LookupForm onLookedUp={onLookedUp} />);
    await user.type(screen.getByLabelText('VIN'), '1XPWD40X1ED215307{Enter}');
    expect(await screen.findByText(/Press Esc to cancel/)).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(await screen.findByText(/Lookup cancelled/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Look up' })).toBeTruthy();
    resolve({ ok: true, value: answer() });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('region', { name: 'Lookup result' })).toBeNull();
    expect(onLookedUp).not.toHaveBeenCalled();
  });

  it('never leaves the previous answer beside a new VIN\'s error', async () => {
    let calls = 0;
    installFakeFleet({
      'vehicles:lookup': () =>
        ++calls === 1 ? { ok: true, value: answer() } : { ok: false, error: { code: 'DECODE_FAILED', message: 'vPIC is down' } },
    });
    const user = userEvent.setup();
    render(<LookupForm />);
    const input = screen.getByLabelText('VIN');
    await user.type(input, '1XPWD40X1ED215307{Enter}');
    expect(await screen.findByRole('region', { name: 'Lookup result' })).toBeTruthy();
    await user.clear(input);
    await user.type(input, '4V4NC9EJXEN171694{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('vPIC is down');
    expect(screen.queryByRole('region', { name: 'Lookup result' })).toBeNull();
    // A rule error on submit hides an answer too.
    await user.clear(input);
    await user.type(input, '1XPWD40{Enter}');
    expect(screen.queryByRole('region', { name: 'Lookup result' })).toBeNull();
  });
});
