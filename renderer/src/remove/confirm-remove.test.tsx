import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIRM_REMOVE_ABOVE, ConfirmRemoveDialog, needsConfirmation, removalQuestion } from './confirm-remove';

afterEach(cleanup);

describe('confirming a removal', () => {
  it('asks above the threshold and for every select-all, never for a few rows', () => {
    expect(needsConfirmation(CONFIRM_REMOVE_ABOVE, false)).toBe(false);
    expect(needsConfirmation(CONFIRM_REMOVE_ABOVE + 1, false)).toBe(true);
    expect(needsConfirmation(1, true)).toBe(true);
  });

  it('names the count and whether it is the fleet or the filtered view', () => {
    expect(removalQuestion({ count: 10003, all: true, filtered: false })).toBe(`Delete all ${(10003).toLocaleString()} vehicles in the fleet?`);
    expect(removalQuestion({ count: 42, all: true, filtered: true })).toBe('Delete all 42 vehicles matching the filters?');
    expect(removalQuestion({ count: 12, all: false, filtered: false })).toBe('Delete 12 vehicles?');
  });

  it('focuses Cancel, so Enter right after an accidental Delete keeps the vehicles', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(<ConfirmRemoveDialog pending={{ count: 12, all: false, filtered: false }} onConfirm={onConfirm} onCancel={onCancel} />);
    expect(screen.getByRole('dialog', { name: 'Delete 12 vehicles?' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.setup().keyboard('{Enter}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
