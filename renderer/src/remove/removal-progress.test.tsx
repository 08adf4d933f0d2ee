import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { RemovalProgressBar } from './removal-progress';

afterEach(cleanup);

describe('RemovalProgressBar', () => {
  it('follows the progress of a removal and of its undo, and goes away at the end', () => {
    const fake = installFakeFleet({});
    render(<RemovalProgressBar />);
    expect(screen.queryByRole('status', { name: 'Removal progress' })).toBeNull();

    act(() => fake.emit('vehicles:removalProgress', { operation: 'remove', done: 12_000, total: 100_000 }));
    const bar = screen.getByRole('status', { name: 'Removal progress' });
    expect(bar.textContent).toContain('Removing 12,000 of 100,000 vehicles…');
    expect(bar.querySelector('progress')).toMatchObject({ value: 12_000, max: 100_000 });

    act(() => fake.emit('vehicles:removalProgress', { operation: 'remove', done: 100_000, total: 100_000 }));
    expect(screen.queryByRole('status', { name: 'Removal progress' })).toBeNull();

    act(() => fake.emit('vehicles:removalProgress', { operation: 'restore', done: 500, total: 100_000 }));
    expect(screen.getByRole('status', { name: 'Removal progress' }).textContent).toContain('Restoring 500 of 100,000 vehicles…');
  });
});
