import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../shared/import/import-contract';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { groupFingerprint, KeyDialog } from './key-dialog';

const ARMORED = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxcLYBGd…\n-----END PGP PRIVATE KEY BLOCK-----\n';
const imported: KeyStatus = {
  hasKey: true,
  fingerprint: 'abcdef0123456789abcdef0123456789abcdef01',
  userIds: ['Fleet Ops <ops@example.com>'],
  storageAvailable: true,
};

afterEach(cleanup);

describe('KeyDialog', () => {
  it('imports a key read from a chosen file, shows its fingerprint and user id, then removes it', async () => {
    const fake = installFakeFleet({
      'settings:keyStatus': () => ({ ok: true, value: { hasKey: false, fingerprint: null, userIds: [], storageAvailable: true } }),
      'settings:importKey': () => ({ ok: true, value: imported }),
      'settings:removeKey': () => ({ ok: true, value: { removed: true } }),
    });
    const user = userEvent.setup();
    render(<KeyDialog onClose={() => undefined} />);
    expect(await screen.findByText('No key is imported.')).toBeTruthy();

    await user.upload(screen.getByLabelText('Key file'), new File([ARMORED], 'ops.asc', { type: 'text/plain' }));
    await screen.findByDisplayValue(/BEGIN PGP PRIVATE KEY BLOCK/);
    await user.click(screen.getByRole('button', { name: 'Import key' }));

    expect(await screen.findByText('Key imported.')).toBeTruthy();
    expect(fake.calls.find((c) => c.channel === 'settings:importKey')?.request).toEqual({ armoredKey: ARMORED.trim() });
    expect(screen.getByText(groupFingerprint(imported.fingerprint!))).toBeTruthy();
    expect(screen.getByText('Fleet Ops <ops@example.com>')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove key' }));
    expect(await screen.findByText('Key removed.')).toBeTruthy();
    expect(screen.getByText('No key is imported.')).toBeTruthy();
  });

  it('shows a refused key as an error with its code', async () => {
    installFakeFleet({
      'settings:keyStatus': () => ({ ok: true, value: { hasKey: false, fingerprint: null, userIds: [], storageAvailable: true } }),
      'settings:importKey': () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'This is a public key, not a private key' } }),
    });
    const user = userEvent.setup();
    render(<KeyDialog onClose={() => undefined} />);
    await user.type(screen.getByLabelText('Armored private key'), 'not a key');
    await user.click(screen.getByRole('button', { name: 'Import key' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This is a public key, not a private key');
    expect(alert.textContent).toContain('INVALID_INPUT');
  });

  it('groups a fingerprint by four', () => {
    expect(groupFingerprint('abcd ef01 2345')).toBe('ABCD EF01 2345');
  });
});
