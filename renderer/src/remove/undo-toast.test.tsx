import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RemoveAnswer } from '../../../shared/vehicles/vehicles-contract';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { UndoToast } from './undo-toast';

function removal(overrides: Partial<RemoveAnswer> = {}): RemoveAnswer {
  return { removed: 3, undoToken: 'undo-abc', undoExpiresAt: new Date(Date.now() + 60_000).toISOString(), ...overrides };
}

afterEach(cleanup);

describe('UndoToast', () => {
  it('shows the count and restores with the undo token', async () => {
    const fake = installFakeFleet({ 'vehicles:restore': () => ({ ok: true, value: { restored: 3 } }) });
    const onRestored = vi.fn();
    const onClose = vi.fn();
    render(<UndoToast removal={removal()} onRestored={onRestored} onClose={onClose} />);
    const toast = screen.getByRole('status', { name: 'Removed vehicles' });
    expect(toast.textContent).toContain('Removed 3 vehicles');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(onRestored).toHaveBeenCalledWith(3));
    expect(fake.calls).toEqual([{ channel: 'vehicles:restore', request: { undoToken: 'undo-abc' } }]);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('keeps the toast and explains when the restore fails', async () => {
    installFakeFleet({ 'vehicles:restore': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'The undo has expired' } }) });
    const onClose = vi.fn();
    render(<UndoToast removal={removal({ removed: 1 })} onRestored={vi.fn()} onClose={onClose} />);
    expect(screen.getByRole('status', { name: 'Removed vehicles' }).textContent).toContain('Removed 1 vehicle');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Undo' }));
    const alert = (await screen.findByRole('alert')).textContent;
    expect(alert).toContain('The undo has expired.');
    expect(alert).toContain('refresh the table');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('undoes when Edit › Undo asks (a later request), not on the request count it appeared with', async () => {
    const fake = installFakeFleet({ 'vehicles:restore': () => ({ ok: true, value: { restored: 3 } }) });
    const onRestored = vi.fn();
    const props = { removal: removal(), onRestored, onClose: vi.fn() };
    const { rerender } = render(<UndoToast {...props} undoRequests={4} />);
    await Promise.resolve();
    expect(fake.calls).toEqual([]);
    rerender(<UndoToast {...props} undoRequests={5} />);
    await waitFor(() => expect(onRestored).toHaveBeenCalledWith(3));
    expect(fake.calls).toEqual([{ channel: 'vehicles:restore', request: { undoToken: 'undo-abc' } }]);
  });

  it('goes away when the token expires', () => {
    vi.useFakeTimers();
    try {
      installFakeFleet({});
      const onClose = vi.fn();
      const now = Date.parse('2025-01-01T00:00:00.000Z');
      render(
        <UndoToast
          removal={removal({ undoExpiresAt: '2025-01-01T00:00:30.000Z' })}
          onRestored={vi.fn()}
          onClose={onClose}
          now={() => now}
        />,
      );
      vi.advanceTimersByTime(29_999);
      expect(onClose).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onClose).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
