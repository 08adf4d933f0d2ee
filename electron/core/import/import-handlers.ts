/**
 * The import domain's IPC handlers: thin calls into the import service and the key store.
 *
 * Requests arrive validated by `dispatch` (shared/import/import-contract.ts); expected failures
 * are AppFailures (FILE_ERROR, FILE_CHANGED, DECRYPT_FAILED, INVALID_INPUT, NOT_FOUND) that cross
 * as results. Files are named by grants: the path read is the one main resolved when the user
 * chose the file, never one the page sent.
 */
import type { Handlers } from '../ipc/dispatch';
import type { FileGrants } from './file-grants';
import type { ImportService } from './import-service';
import type { KeyStore } from './key-store';

type ImportChannel =
  | 'import:preview'
  | 'import:start'
  | 'import:cancel'
  | 'import:resume'
  | 'import:restart'
  | 'import:retryFailed'
  | 'import:jobs'
  | 'import:report'
  | 'import:saveReport'
  | 'import:chooseFiles'
  | 'settings:importKey'
  | 'settings:keyStatus'
  | 'settings:removeKey';

export type ImportHandlers = Pick<Handlers, ImportChannel>;

/** File types offered by the open dialog: plain and OpenPGP-encrypted fleet files. */
export const IMPORT_FILE_FILTERS = [
  { name: 'Fleet files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'gpg', 'pgp', 'asc'] },
  { name: 'All files', extensions: ['*'] },
] as const;

/** The native open dialog (Electron's dialog.showOpenDialog, several files); [] when cancelled. */
export type ChooseOpenPaths = (request: {
  readonly title: string;
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}) => Promise<readonly string[]>;

export function createImportHandlers(deps: {
  readonly imports: ImportService;
  readonly keyStore: KeyStore;
  readonly grants: FileGrants;
  /** Absent where there is no desktop (CLI, e2e web host): the page uses its own file picker. */
  readonly chooseOpenPaths?: ChooseOpenPaths;
}): ImportHandlers {
  const { imports, keyStore, grants, chooseOpenPaths } = deps;
  return {
    'import:preview': async (request) => ({
      grantId: request.grantId,
      ...(await imports.preview(await grants.resolve(request.grantId), request.passphrase)),
    }),
    'import:start': async (request) =>
      imports.start({
        path: await grants.resolve(request.grantId),
        ...(request.vinColumn !== undefined ? { vinColumn: request.vinColumn } : {}),
        ...(request.refresh !== undefined ? { refresh: request.refresh } : {}),
        ...(request.passphrase !== undefined ? { passphrase: request.passphrase } : {}),
        ...(request.mapping !== undefined ? { mapping: request.mapping } : {}),
        ...(request.sheet !== undefined ? { sheet: request.sheet } : {}),
      }),
    'import:cancel': (request) => imports.cancel(request.jobId),
    'import:resume': (request) => imports.resume(request.jobId, request.passphrase),
    'import:restart': (request) => imports.restart(request.jobId, request.passphrase),
    'import:retryFailed': (request) => imports.retryFailed(request.jobId),
    'import:jobs': async (request) => ({ jobs: await imports.jobs(request.limit) }),
    'import:report': (request) => imports.report(request.jobId, request.offset, request.limit),
    'import:saveReport': (request) => imports.saveReport(request.jobId),
    // Main's own dialog: what the user picked there is granted, nothing else.
    'import:chooseFiles': async () =>
      chooseOpenPaths ? grants.grantAll(await chooseOpenPaths({ title: 'Import fleet files', filters: IMPORT_FILE_FILTERS })) : { files: [], refused: [] },
    'settings:importKey': (request) => keyStore.importKey(request.armoredKey),
    'settings:keyStatus': () => keyStore.status(),
    'settings:removeKey': async () => ({ removed: await keyStore.remove() }),
  };
}
