/**
 * Taking one file in: preview, passphrase when encrypted, VIN column when unsure, then start.
 *
 * The order is the contract's (shared/import/import-contract.ts, "Flow for the UI"): nothing is
 * stored until `import:start`, so a Cancel in any dialog leaves the fleet untouched. The UI's
 * questions are passed in as async functions, which keeps this flow testable without React and
 * keeps the passphrase in a local variable only: it is never stored by the UI.
 */
import type { ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import type { ImportPreview, ImportStartAnswer } from '../../../shared/import/import-contract';
import type { ContractApi } from '../../../shared/ipc/api';
import type { FileGrant } from '../../../shared/ipc/file-path';
import type { AppError, Result } from '../../../shared/ipc/result';

export interface PassphraseQuestion {
  readonly fileName: string;
  /** Why the last passphrase was refused (wrong passphrase or key), or null on the first ask. */
  readonly error: AppError | null;
}

export interface IntakeUi {
  /** Ask for the passphrase; null when the user gave up on this file. */
  askPassphrase(question: PassphraseQuestion): Promise<string | null>;
  /** Show the preview and let the user pick the VIN column and confirm the mapping; null when cancelled. */
  pickColumn(preview: ImportPreview): Promise<ColumnChoice | null>;
  /** A file could not be taken in (FILE_ERROR, DECRYPT_FAILED, INVALID_INPUT, …). */
  reportError(fileName: string, error: AppError): void;
  /** The job is queued in main. */
  started(answer: ImportStartAnswer, fileName: string): void;
}

/** What the preview dialog answers: the VIN column, and the mapping when the preview proposed one. */
export interface ColumnChoice {
  readonly vinColumn: string;
  readonly mapping?: ColumnMapping;
}

/**
 * True when the user should see where the columns go before anything is stored: a file with a
 * header and other columns than the VIN whose mapping was not confirmed before.
 */
export function needsMappingConfirmation(preview: ImportPreview): boolean {
  return preview.mapping !== undefined && preview.mappingRemembered !== true && preview.hasHeader && preview.columns.length > 1;
}

export interface IntakeOptions {
  /** Re-decode VINs already stored (else only their attributes are updated). */
  readonly refresh: boolean;
}

export type IntakeOutcome = 'started' | 'skipped' | 'failed';

/** A thrown call (the bridge itself failed) becomes the same shape as a contract error. */
async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (thrown) {
    return { ok: false, error: { code: 'INTERNAL', message: thrown instanceof Error ? thrown.message : String(thrown) } };
  }
}

/** Take in one file the user chose, named by the grant main gave for it (never by a path). */
export async function intakeFile(api: ContractApi, file: FileGrant, ui: IntakeUi, options: IntakeOptions): Promise<IntakeOutcome> {
  const { grantId } = file;
  const first = await settle(() => api.importPreview({ grantId }));
  if (!first.ok) {
    ui.reportError(file.fileName, first.error);
    return 'failed';
  }
  let preview = first.value;
  let passphrase: string | undefined;
  let refused: AppError | null = null;
  while (preview.needsPassphrase) {
    const given = await ui.askPassphrase({ fileName: preview.fileName, error: refused });
    if (given === null) return 'skipped';
    const again = await settle(() => api.importPreview({ grantId, passphrase: given }));
    if (!again.ok) {
      // A wrong passphrase or key: ask again, saying why. Anything else ends this file.
      if (again.error.code === 'DECRYPT_FAILED') {
        refused = again.error;
        continue;
      }
      ui.reportError(preview.fileName, again.error);
      return 'failed';
    }
    preview = again.value;
    passphrase = given;
  }

  let vinColumn: string | undefined;
  let mapping: ColumnMapping | undefined;
  if (!preview.confident || needsMappingConfirmation(preview)) {
    const picked = await ui.pickColumn(preview);
    if (picked === null) return 'skipped';
    vinColumn = picked.vinColumn;
    mapping = picked.mapping;
  } else if (preview.detectedVinColumn !== null) {
    vinColumn = preview.detectedVinColumn;
  }

  const started = await settle(() =>
    api.importStart({
      grantId,
      ...(vinColumn !== undefined ? { vinColumn } : {}),
      ...(options.refresh ? { refresh: true } : {}),
      ...(passphrase !== undefined ? { passphrase } : {}),
      ...(mapping !== undefined ? { mapping } : {}),
    }),
  );
  if (!started.ok) {
    ui.reportError(preview.fileName, started.error);
    return 'failed';
  }
  ui.started(started.value, preview.fileName);
  return 'started';
}

export interface StoppedJob {
  readonly jobId: string;
  readonly fileName: string;
  readonly encrypted: boolean;
}

export interface ResumeUi extends Pick<IntakeUi, 'askPassphrase' | 'reportError' | 'started'> {
  /** The file changed since the job started (FILE_CHANGED): offer to import it as a new job. */
  offerRestart(job: StoppedJob, error: AppError): void;
}

/**
 * Resume an interrupted or cancelled job, asking for the passphrase again when encrypted. A
 * file that changed since the job started is refused by main; the user is offered a new job.
 */
export async function resumeJob(api: ContractApi, job: StoppedJob, ui: ResumeUi): Promise<IntakeOutcome> {
  const outcome = await withPassphrase(job, ui, (passphrase) =>
    api.importResume({ jobId: job.jobId, ...(passphrase !== undefined ? { passphrase } : {}) }),
  );
  if (outcome !== 'started' && outcome !== 'skipped' && outcome.code === 'FILE_CHANGED') {
    ui.offerRestart(job, outcome);
    return 'failed';
  }
  if (outcome !== 'started' && outcome !== 'skipped') {
    ui.reportError(job.fileName, outcome);
    return 'failed';
  }
  return outcome;
}

/** Import a stopped job's file again as a new job (main reads the file it recorded for the job). */
export async function restartJob(api: ContractApi, job: StoppedJob, ui: Pick<IntakeUi, 'askPassphrase' | 'reportError' | 'started'>): Promise<IntakeOutcome> {
  const outcome = await withPassphrase(job, ui, (passphrase) =>
    api.importRestart({ jobId: job.jobId, ...(passphrase !== undefined ? { passphrase } : {}) }),
  );
  if (outcome !== 'started' && outcome !== 'skipped') {
    ui.reportError(job.fileName, outcome);
    return 'failed';
  }
  return outcome;
}

/** Call `send` (asking for the passphrase first, and again after a wrong one, when encrypted). */
async function withPassphrase(
  job: StoppedJob,
  ui: Pick<IntakeUi, 'askPassphrase' | 'started'>,
  send: (passphrase: string | undefined) => Promise<Result<ImportStartAnswer>>,
): Promise<'started' | 'skipped' | AppError> {
  let refused: AppError | null = null;
  for (;;) {
    let passphrase: string | undefined;
    if (job.encrypted) {
      const given = await ui.askPassphrase({ fileName: job.fileName, error: refused });
      if (given === null) return 'skipped';
      passphrase = given;
    }
    const answer = await settle(() => send(passphrase));
    if (answer.ok) {
      ui.started(answer.value, job.fileName);
      return 'started';
    }
    if (job.encrypted && answer.error.code === 'DECRYPT_FAILED') {
      refused = answer.error;
      continue;
    }
    return answer.error;
  }
}
