import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ImportCounts,
  ImportJobSummary,
  ImportPreview,
  ImportProgress,
  ImportReportPage,
} from '../../../shared/import/import-contract';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { ImportPanel } from './import-panel';

const JOB_ID = '0b6f1a9e-3c1d-4f7a-9a53-5d2a8f0c1e11';

const preview: ImportPreview = {
  grantId: grantIdOf('fleet.csv'),
  fileName: 'fleet.csv',
  encrypted: false,
  needsPassphrase: false,
  encoding: 'windows-1252',
  delimiter: ';',
  hasHeader: true,
  columns: ['unit', 'chassis', 'plate'],
  sampleRows: [
    ['U-1', '1XPWD40X1ED215307', 'AB-123'],
    ['U-2', '1FTFW1ET5DFC10312', 'CD-456'],
  ],
  detectedVinColumn: 'unit',
  confident: false,
  sizeBytes: 2048,
};

function counts(overrides: Partial<ImportCounts> = {}): ImportCounts {
  return { total: 0, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 0, ...overrides };
}

function summary(overrides: Partial<ImportJobSummary> = {}): ImportJobSummary {
  return {
    jobId: JOB_ID,
    state: 'done',
    file: '/uploads/fleet.csv',
    fileName: 'fleet.csv',
    encrypted: false,
    vinColumn: 'chassis',
    refresh: false,
    counts: counts({ total: 300, added: 250, updated: 5, duplicates: 20, invalid: 24, failed: 1 }),
    rowsCommitted: 300,
    rejects: 25,
    createdAt: '2025-01-15T10:00:00.000Z',
    updatedAt: '2025-01-15T10:01:00.000Z',
    finishedAt: '2025-01-15T10:01:00.000Z',
    error: null,
    resumable: false,
    ...overrides,
  };
}

/** jsdom has no DragEvent/DataTransfer: a plain event carrying what the hook reads. */
function dragEvent(type: string, files: readonly File[]): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
  return event;
}

function dropFiles(files: readonly File[]): void {
  act(() => {
    document.body.dispatchEvent(dragEvent('dragenter', files));
    document.body.dispatchEvent(dragEvent('dragover', files));
  });
  expect(screen.getByRole('region', { name: 'Drop files to import' })).toBeTruthy();
  act(() => {
    document.body.dispatchEvent(dragEvent('drop', files));
  });
  expect(screen.queryByRole('region', { name: 'Drop files to import' })).toBeNull();
}

/** The grant main would give a file (stands in for 32 random bytes; 43 base64url characters). */
function grantIdOf(fileName: string): string {
  return fileName.replace(/[^A-Za-z0-9_-]/g, '_').padEnd(43, 'g').slice(0, 43);
}

beforeEach(() => {
  // The preload's drop registration: every dropped File is a file on disk and gets a grant.
  Object.defineProperty(window, 'fleetFiles', {
    value: {
      registerDroppedFiles: (files: readonly File[]) =>
        Promise.resolve({
          ok: true,
          value: { files: files.map((f) => ({ grantId: grantIdOf(f.name), fileName: f.name, sizeBytes: f.size })), refused: [] },
        }),
    },
    configurable: true,
  });
});

afterEach(cleanup);

describe('ImportPanel', () => {
  it('previews an unsure file, lets the user pick the VIN column, and only then starts the import', async () => {
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:preview': () => ({ ok: true, value: preview }),
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);

    dropFiles([new File(['unit;chassis;plate\n'], 'fleet.csv', { type: 'text/csv' })]);

    const dialog = await screen.findByRole('dialog', { name: 'Import fleet.csv' });
    const picker = within(dialog).getByLabelText<HTMLSelectElement>('VIN column');
    expect(picker.value).toBe('unit');
    const table = within(dialog).getByRole('table', { name: 'Preview of fleet.csv' });
    expect(within(table).getByText('1FTFW1ET5DFC10312')).toBeTruthy();
    // The detected text encoding is part of the preview.
    expect(within(dialog).getByText(/Windows-1252 text/)).toBeTruthy();
    expect(fake.calls.map((c) => c.channel)).not.toContain('import:start');

    await user.selectOptions(picker, 'chassis');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls.filter((c) => c.channel !== 'import:jobs')).toEqual([
      { channel: 'import:preview', request: { grantId: grantIdOf('fleet.csv') } },
      { channel: 'import:start', request: { grantId: grantIdOf('fleet.csv'), vinColumn: 'chassis' } },
    ]);
    const bar = await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
  });

  it('shows the proposed column mapping of a file it is sure about, and starts with the mapping the user confirmed', async () => {
    const proposed: ImportPreview = {
      ...preview,
      columns: ['Einheit', 'Fahrgestellnummer', 'Kennzeichen', 'Info'],
      sampleRows: [['E-1', '1XPWD40X1ED215307', 'M-AB 1', 'x']],
      detectedVinColumn: 'Fahrgestellnummer',
      confident: true,
      mapping: { Einheit: 'unitNumber', Fahrgestellnummer: 'vin', Kennzeichen: 'plate', Info: 'custom' },
      mappingRemembered: false,
    };
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:preview': () => ({ ok: true, value: proposed }),
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'fleet.csv', { type: 'text/csv' })]);

    const dialog = await screen.findByRole('dialog', { name: 'Import fleet.csv' });
    const unit = within(dialog).getByLabelText<HTMLSelectElement>('Field for Einheit');
    expect(unit.value).toBe('unitNumber');
    expect(within(dialog).getByLabelText<HTMLSelectElement>('Field for Kennzeichen').value).toBe('plate');
    expect(within(dialog).queryByLabelText('Field for Fahrgestellnummer')).toBeNull(); // the VIN column
    expect(fake.calls.map((c) => c.channel)).not.toContain('import:start');
    await user.selectOptions(within(dialog).getByLabelText('Field for Info'), 'ignore');
    // Giving the unit number to another column takes it from Einheit.
    await user.selectOptions(within(dialog).getByLabelText('Field for Kennzeichen'), 'unitNumber');
    expect(unit.value).toBe('custom');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    expect(fake.calls.find((c) => c.channel === 'import:start')?.request).toEqual({
      grantId: grantIdOf('fleet.csv'),
      vinColumn: 'Fahrgestellnummer',
      mapping: { Einheit: 'custom', Fahrgestellnummer: 'vin', Kennzeichen: 'unitNumber', Info: 'ignore' },
    });
  });

  it('imports at once when the mapping for these headers was confirmed before', async () => {
    const remembered: ImportPreview = {
      ...preview,
      confident: true,
      detectedVinColumn: 'chassis',
      mapping: { unit: 'unitNumber', chassis: 'vin', plate: 'plate' },
      mappingRemembered: true,
    };
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:preview': () => ({ ok: true, value: remembered }),
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
    });
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'fleet.csv', { type: 'text/csv' })]);
    await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls.find((c) => c.channel === 'import:start')?.request).toEqual({ grantId: grantIdOf('fleet.csv'), vinColumn: 'chassis' });
  });

  it('stores nothing when the preview is cancelled', async () => {
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:preview': () => ({ ok: true, value: preview }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'fleet.csv')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import fleet.csv' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls.map((c) => c.channel)).not.toContain('import:start');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('starts a confident file at once and shows an unreadable one as an error with its code', async () => {
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:preview': (request) =>
        (request as { grantId: string }).grantId === grantIdOf('broken.csv')
          ? { ok: false, error: { code: 'FILE_ERROR', message: 'Cannot read broken.csv' } }
          : { ok: true, value: { ...preview, detectedVinColumn: 'chassis', confident: true } },
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
    });
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'broken.csv'), new File(['y'], 'fleet.csv')]);

    expect(await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' })).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('broken.csv: Cannot read broken.csv');
    expect(within(alert).getByText('FILE_ERROR')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls.filter((c) => c.channel === 'import:start').map((c) => c.request)).toEqual([
      { grantId: grantIdOf('fleet.csv'), vinColumn: 'chassis' },
    ]);
  });

  it('asks for the passphrase of an encrypted file, asks again after a wrong one, and never stores it', async () => {
    const encrypted: ImportPreview = {
      ...preview,
      fileName: 'fleet.csv.gpg',
      grantId: grantIdOf('fleet.csv.gpg'),
      encrypted: true,
      needsPassphrase: true,
      columns: [],
      sampleRows: [],
      detectedVinColumn: null,
    };
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'settings:keyStatus': () => ({
        ok: true,
        value: { hasKey: true, fingerprint: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01', userIds: ['Fleet Ops <ops@example.com>'], storageAvailable: true },
      }),
      'import:preview': (request) => {
        const { passphrase } = request as { passphrase?: string };
        if (passphrase === undefined) return { ok: true, value: encrypted };
        if (passphrase !== 'right horse') return { ok: false, error: { code: 'DECRYPT_FAILED', message: 'Wrong passphrase or key' } };
        return { ok: true, value: { ...encrypted, needsPassphrase: false, columns: ['VIN'], detectedVinColumn: 'VIN', confident: true } };
      },
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'fleet.csv.gpg')]);

    let dialog = await screen.findByRole('dialog', { name: 'Passphrase for fleet.csv.gpg' });
    const field = within(dialog).getByLabelText('Passphrase');
    expect(field.getAttribute('type')).toBe('password');
    await user.type(field, 'wrong{Enter}');
    dialog = await screen.findByRole('dialog', { name: 'Passphrase for fleet.csv.gpg' });
    expect(await within(dialog).findByText('Wrong passphrase or key')).toBeTruthy();
    expect(within(dialog).getByText('DECRYPT_FAILED')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Passphrase'), 'right horse{Enter}');

    expect(await screen.findByRole('progressbar', { name: 'Import progress fleet.csv.gpg' })).toBeTruthy();
    expect(fake.calls.filter((c) => c.channel === 'import:start').map((c) => c.request)).toEqual([
      { grantId: grantIdOf('fleet.csv.gpg'), vinColumn: 'VIN', passphrase: 'right horse' },
    ]);
    expect(document.body.innerHTML).not.toContain('right horse');
  });

  it('says clearly when no key is imported', async () => {
    installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'settings:keyStatus': () => ({ ok: true, value: { hasKey: false, fingerprint: null, userIds: [], storageAvailable: true } }),
      'import:preview': () => ({ ok: true, value: { ...preview, encrypted: true, needsPassphrase: true } }),
    });
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'fleet.csv.asc')]);
    const dialog = await screen.findByRole('dialog', { name: /^Passphrase for/ });
    expect((await within(dialog).findByRole('alert')).textContent).toContain('No encryption key is imported');
    expect(within(dialog).getByRole('button', { name: 'Import a key…' })).toBeTruthy();
  });

  it('renders progress events, cancels, and shows the summary and the report when the job finishes', async () => {
    const page: ImportReportPage = {
      jobId: JOB_ID,
      total: 2,
      offset: 0,
      rejects: [
        { row: 7, value: '1XPWD40X1ED21530', reason: 'VIN has 16 characters; it needs 17', code: 'TOO_SHORT', kind: 'invalid' },
        { row: 12, value: '', reason: 'No VIN', code: 'EMPTY', kind: 'invalid' },
      ],
    };
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:cancel': () => ({ ok: true, value: { cancelled: true } }),
      'import:report': () => ({ ok: true, value: page }),
      'import:saveReport': () => ({ ok: true, value: { path: '/home/ops/fleet-rejects.csv', rows: 2 } }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);

    const progress: ImportProgress = {
      jobId: JOB_ID,
      state: 'running',
      fileName: 'fleet.csv',
      counts: counts({ total: 120, added: 90, updated: 10, duplicates: 8, invalid: 11, failed: 1 }),
      rowsRead: 140,
      decoded: 90,
      fraction: 0.42,
      etaSeconds: 95,
    };
    act(() => fake.emit('import:progress', progress));

    const bar = screen.getByRole('progressbar', { name: 'Import progress fleet.csv' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    const list = screen.getByLabelText('Counts fleet.csv');
    const shown = Object.fromEntries(
      [...list.querySelectorAll('.import-count')].map((item) => [item.querySelector('dt')?.textContent, item.querySelector('dd')?.textContent]),
    );
    expect(shown).toEqual({ Read: '140', Decoded: '90', Stored: '100', Invalid: '11', Failed: '1', Duplicates: '8' });
    expect(screen.getByText('about 2 min left')).toBeTruthy();

    // The team database goes away: the card says the import waits, then that it goes on.
    const message = 'The PostgreSQL server at db.example:5432 refused the connection.';
    act(() => fake.emit('import:progress', { ...progress, etaSeconds: null, waitingForStorage: { message, since: '2026-01-01T00:00:00.000Z', retryInSeconds: 2 } }));
    const waiting = screen.getByText(/Waiting for the team database/);
    expect(waiting.getAttribute('title')).toBe(message);
    act(() => fake.emit('import:progress', progress));
    expect(screen.queryByText(/Waiting for the team database/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.find((c) => c.channel === 'import:cancel')?.request).toEqual({ jobId: JOB_ID });

    act(() => fake.emit('import:finished', summary()));
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText(/250 added, 5 updated, 20 duplicates, 24 invalid, 1 failed/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    // A late progress event does not bring the running view back.
    act(() => fake.emit('import:progress', progress));
    expect(bar.getAttribute('aria-valuenow')).toBe('100');

    await user.click(screen.getByRole('button', { name: 'View report' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rejected rows of fleet.csv' });
    const rows = await within(dialog).findAllByRole('row');
    expect(rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual([
      [],
      ['7', '1XPWD40X1ED21530', 'VIN has 16 characters; it needs 17'],
      ['12', '(empty)', 'No VIN'],
    ]);
    expect(fake.calls.find((c) => c.channel === 'import:report')?.request).toEqual({ jobId: JOB_ID, offset: 0, limit: 100 });
    expect(within(dialog).getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Save report…' }));
    expect(await screen.findByText(/Saved 2 rejected rows to \/home\/ops\/fleet-rejects\.csv/)).toBeTruthy();
  });

  it('takes the files chosen through File › Import… (the native open dialog)', async () => {
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:chooseFiles': () => ({ ok: true, value: { files: [{ grantId: grantIdOf('fleet.csv'), fileName: 'fleet.csv', sizeBytes: 2048 }], refused: [] } }),
      'import:preview': () => ({ ok: true, value: { ...preview, grantId: grantIdOf('fleet.csv'), detectedVinColumn: 'chassis', confident: true } }),
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 2 } }),
    });
    render(<ImportPanel />);
    act(() => {
      window.dispatchEvent(new CustomEvent('fleet:menu', { detail: { command: 'export' } }));
    });
    expect(fake.calls.map((c) => c.channel)).not.toContain('import:chooseFiles');
    act(() => {
      window.dispatchEvent(new CustomEvent('fleet:menu', { detail: { command: 'import' } }));
    });
    expect(await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' })).toBeTruthy();
    expect(screen.getByText('2 imports ahead')).toBeTruthy();
    expect(fake.calls.find((c) => c.channel === 'import:start')?.request).toEqual({ grantId: grantIdOf('fleet.csv'), vinColumn: 'chassis' });
  });

  it('offers Resume for an interrupted import from the history', async () => {
    const fake = installFakeFleet({
      'import:jobs': () => ({
        ok: true,
        value: { jobs: [summary({ state: 'interrupted', resumable: true, finishedAt: null, counts: counts({ total: 100, added: 100 }) })] },
      }),
      'import:resume': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);
    const notice = await screen.findByText(/The import of fleet\.csv was interrupted/);
    expect(notice).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Import history' }));
    const history = await screen.findByRole('list', { name: 'Import history' });
    expect(within(history).getByText('Interrupted')).toBeTruthy();
    expect(within(history).getByText(/100 rows: 100 added/)).toBeTruthy();
    await user.click(within(history).getByRole('button', { name: 'Resume fleet.csv' }));
    expect(fake.calls.find((c) => c.channel === 'import:resume')?.request).toEqual({ jobId: JOB_ID });
    expect(await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' })).toBeTruthy();
  });

  it('says why a dropped item was refused (no file on disk) and takes the others', async () => {
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:preview': () => ({ ok: true, value: { ...preview, detectedVinColumn: 'chassis', confident: true } }),
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
    });
    Object.defineProperty(window, 'fleetFiles', {
      value: {
        registerDroppedFiles: () =>
          Promise.resolve({
            ok: true,
            value: {
              files: [{ grantId: grantIdOf('fleet.csv'), fileName: 'fleet.csv', sizeBytes: 10 }],
              refused: [{ fileName: 'pipe', message: 'The file pipe cannot be read: it is a named pipe (FIFO), not a file.' }],
            },
          }),
      },
      configurable: true,
    });
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'fleet.csv'), new File(['y'], 'pipe')]);
    expect(await screen.findByText(/pipe: The file pipe cannot be read: it is a named pipe/)).toBeTruthy();
    expect(await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' })).toBeTruthy();
    expect(fake.calls.filter((c) => c.channel === 'import:preview').map((c) => c.request)).toEqual([{ grantId: grantIdOf('fleet.csv') }]);
  });

  it('offers to import a changed file as a new job when resume is refused with FILE_CHANGED', async () => {
    const changed = 'The file fleet.csv has changed since this import started (it was 100 bytes and is now 400). Import it as a new job instead.';
    const fake = installFakeFleet({
      'import:jobs': () => ({
        ok: true,
        value: { jobs: [summary({ state: 'interrupted', resumable: true, finishedAt: null, counts: counts({ total: 100, added: 100 }) })] },
      }),
      'import:resume': () => ({ ok: false, error: { code: 'FILE_CHANGED', message: changed } }),
      'import:restart': () => ({ ok: true, value: { jobId: 'a0b6f1a9-3c1d-4f7a-9a53-5d2a8f0c1e12', position: 0 } }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);
    await screen.findByText(/The import of fleet\.csv was interrupted/);
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    const alert = await screen.findByText(/has changed since this import started/);
    expect(alert.textContent).toContain('FILE_CHANGED');
    expect(fake.calls.map((c) => c.channel)).not.toContain('import:restart');
    await user.click(screen.getByRole('button', { name: 'Import as a new job' }));
    expect(fake.calls.find((c) => c.channel === 'import:restart')?.request).toEqual({ jobId: JOB_ID });
    expect(await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' })).toBeTruthy();
  });

  it('a job that stopped on a changed file offers "Import as a new job" on its card instead of Resume', async () => {
    const fake = installFakeFleet({
      'import:jobs': () => ({ ok: true, value: { jobs: [] } }),
      'import:preview': () => ({ ok: true, value: { ...preview, detectedVinColumn: 'chassis', confident: true } }),
      'import:start': () => ({ ok: true, value: { jobId: JOB_ID, position: 0 } }),
      'import:restart': () => ({ ok: true, value: { jobId: 'a0b6f1a9-3c1d-4f7a-9a53-5d2a8f0c1e12', position: 0 } }),
    });
    const user = userEvent.setup();
    render(<ImportPanel />);
    dropFiles([new File(['x'], 'fleet.csv')]);
    await screen.findByRole('progressbar', { name: 'Import progress fleet.csv' });
    act(() =>
      fake.emit(
        'import:finished',
        summary({ state: 'failed', resumable: true, error: { code: 'FILE_CHANGED', message: 'The file fleet.csv has changed since this import started.' } }),
      ),
    );
    const card = screen.getByRole('region', { name: 'Import of fleet.csv' });
    expect(within(card).queryByRole('button', { name: 'Resume' })).toBeNull();
    await user.click(within(card).getByRole('button', { name: 'Import as a new job' }));
    expect(fake.calls.find((c) => c.channel === 'import:restart')?.request).toEqual({ jobId: JOB_ID });
  });
});
