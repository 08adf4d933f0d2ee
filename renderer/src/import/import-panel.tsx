/**
 * Fleet file import: drop files anywhere on the window (or File › Import…, or the
 * Import… button), answer the preview's questions, watch the jobs run, read their reports, and
 * resume what was interrupted.
 *
 * Files dropped together are taken in one after another, so at most one question (passphrase,
 * VIN column) is on screen at a time; the engine queues the started jobs itself.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ImportPreview } from '../../../shared/import/import-contract';
import type { RegisteredFiles } from '../../../shared/ipc/file-path';
import type { AppError, Result } from '../../../shared/ipc/result';
import { KeyDialog } from '../settings/key-dialog';
import { ColumnPickerDialog } from './column-picker-dialog';
import { DropOverlay } from './drop-overlay';
import { HistoryDialog } from './history-dialog';
import { formatCount } from './import-format';
import { intakeFile, restartJob, resumeJob, type ColumnChoice, type IntakeUi, type PassphraseQuestion, type ResumeUi, type StoppedJob } from './import-intake';
import { ImportJobCard } from './import-job-card';
import { PassphraseDialog } from './passphrase-dialog';
import { ReportDialog } from './report-dialog';
import { useFileDrop } from './use-file-drop';
import { useImportJobs } from './use-import-jobs';
import './import.css';

type Question =
  | { readonly kind: 'passphrase'; readonly question: PassphraseQuestion; readonly answer: (passphrase: string | null) => void }
  | { readonly kind: 'column'; readonly preview: ImportPreview; readonly answer: (choice: ColumnChoice | null) => void };

interface Notice {
  readonly id: number;
  readonly level: 'error' | 'info';
  readonly fileName: string;
  readonly text: string;
  readonly code?: string;
  /** A one-click way on (e.g. import a changed file as a new job). */
  readonly action?: { readonly label: string; readonly run: () => void };
}

function toError(thrown: unknown): AppError {
  return { code: 'INTERNAL', message: thrown instanceof Error ? thrown.message : String(thrown) };
}

export interface ImportPanelProps {
  /** Where messages and job cards go (the window's one message area); in place when absent. */
  readonly messagesTarget?: HTMLElement | null;
}

export function ImportPanel({ messagesTarget }: ImportPanelProps = {}): React.JSX.Element {
  const jobs = useImportJobs();
  const { track, refreshHistory } = jobs;
  const [question, setQuestion] = useState<Question | null>(null);
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const [refresh, setRefresh] = useState(false);
  const [report, setReport] = useState<{ jobId: string; fileName: string } | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [keyOpen, setKeyOpen] = useState(false);
  const [keyVersion, setKeyVersion] = useState(0);
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const fileInput = useRef<HTMLInputElement>(null);
  const refreshId = useId();
  // One file at a time through the questions: each intake waits for the one before.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const noticeId = useRef(0);

  const addNotice = useCallback((notice: Omit<Notice, 'id'>) => {
    noticeId.current += 1;
    const id = noticeId.current;
    setNotices((old) => [...old.slice(-4), { ...notice, id }]);
  }, []);

  const ui: IntakeUi = useMemo(
    () => ({
      askPassphrase: (q) => new Promise<string | null>((resolve) => setQuestion({ kind: 'passphrase', question: q, answer: resolve })),
      pickColumn: (preview) => new Promise<ColumnChoice | null>((resolve) => setQuestion({ kind: 'column', preview, answer: resolve })),
      reportError: (fileName, error) => addNotice({ level: 'error', fileName, text: error.message, code: error.code }),
      started: (answer, fileName) => track(answer.jobId, fileName, answer.position),
    }),
    [addNotice, track],
  );

  const answer = useCallback(
    <T,>(resolve: (value: T) => void, value: T) => {
      setQuestion(null);
      resolve(value);
    },
    [],
  );

  /** Take in what main granted, one file after another; say why the others were refused. */
  const enqueueGranted = useCallback(
    (result: Result<RegisteredFiles>) => {
      if (!result.ok) {
        addNotice({ level: 'error', fileName: '', text: result.error.message, code: result.error.code });
        return;
      }
      for (const refused of result.value.refused) addNotice({ level: 'error', fileName: refused.fileName, text: refused.message, code: 'FILE_ERROR' });
      for (const file of result.value.files) {
        chain.current = chain.current.then(() => intakeFile(window.fleet, file, ui, { refresh })).catch((thrown: unknown) => {
          const error = toError(thrown);
          addNotice({ level: 'error', fileName: file.fileName, text: error.message, code: error.code });
        });
      }
    },
    [ui, refresh, addNotice],
  );

  // Dropped or picked files go to the preload (the web bridge in e2e), which registers them with
  // main and answers grants: the page never handles a path.
  const enqueueFiles = useCallback(
    (files: readonly File[]) => {
      window.fleetFiles.registerDroppedFiles(files).then(enqueueGranted, (thrown: unknown) => {
        addNotice({ level: 'error', fileName: '', text: toError(thrown).message, code: 'FILE_ERROR' });
      });
    },
    [enqueueGranted, addNotice],
  );

  const dragging = useFileDrop(enqueueFiles);

  // File › Import… from the application menu (relayed by the shell as a window event).
  useEffect(() => {
    const onMenu = (event: Event): void => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (typeof detail !== 'object' || detail === null || (detail as { command?: unknown }).command !== 'import') return;
      void chooseNativeFiles(enqueueGranted, addNotice);
    };
    window.addEventListener('fleet:menu', onMenu);
    return () => window.removeEventListener('fleet:menu', onMenu);
  }, [enqueueGranted, addNotice]);

  // "Clear all" in the message area: messages go, and so do the cards of jobs that stopped.
  const { cards, dismiss } = jobs;
  useEffect(() => {
    const onClear = (): void => {
      setNotices([]);
      for (const card of cards) if (card.summary !== null) dismiss(card.jobId);
    };
    window.addEventListener('fleet:clear-messages', onClear);
    return () => window.removeEventListener('fleet:clear-messages', onClear);
  }, [cards, dismiss]);

  const cancel = useCallback(
    (jobId: string) => {
      setCancelling((old) => new Set(old).add(jobId));
      void window.fleet
        .importCancel({ jobId })
        .then(
          (result) => {
            if (!result.ok) addNotice({ level: 'error', fileName: '', text: result.error.message, code: result.error.code });
          },
          (thrown: unknown) => addNotice({ level: 'error', fileName: '', text: toError(thrown).message, code: 'INTERNAL' }),
        )
        .finally(() =>
          setCancelling((old) => {
            const next = new Set(old);
            next.delete(jobId);
            return next;
          }),
        );
    },
    [addNotice],
  );

  const saveReport = useCallback(
    (jobId: string) => {
      void window.fleet.importSaveReport({ jobId }).then(
        (result) => {
          if (!result.ok) addNotice({ level: 'error', fileName: '', text: result.error.message, code: result.error.code });
          else if (result.value.path !== null) {
            addNotice({ level: 'info', fileName: '', text: `Saved ${formatCount(result.value.rows)} rejected rows to ${result.value.path}` });
          }
        },
        (thrown: unknown) => addNotice({ level: 'error', fileName: '', text: toError(thrown).message, code: 'INTERNAL' }),
      );
    },
    [addNotice],
  );

  const restart = useCallback(
    (job: StoppedJob) => {
      chain.current = chain.current.then(() => restartJob(window.fleet, job, ui)).catch((thrown: unknown) => {
        addNotice({ level: 'error', fileName: job.fileName, text: toError(thrown).message, code: 'INTERNAL' });
      });
    },
    [ui, addNotice],
  );

  const resumeUi: ResumeUi = useMemo(
    () => ({
      ...ui,
      offerRestart: (job, error) =>
        addNotice({
          level: 'error',
          fileName: job.fileName,
          text: error.message,
          code: error.code,
          action: { label: 'Import as a new job', run: () => restart(job) },
        }),
    }),
    [ui, addNotice, restart],
  );

  const resume = useCallback(
    (job: StoppedJob) => {
      chain.current = chain.current.then(() => resumeJob(window.fleet, job, resumeUi)).catch((thrown: unknown) => {
        addNotice({ level: 'error', fileName: job.fileName, text: toError(thrown).message, code: 'INTERNAL' });
      });
    },
    [resumeUi, addNotice],
  );

  const resumeById = useCallback(
    (jobId: string) => {
      const card = jobs.cards.find((c) => c.jobId === jobId);
      if (card?.summary) resume(card.summary);
    },
    [jobs.cards, resume],
  );

  const restartById = useCallback(
    (jobId: string) => {
      const card = jobs.cards.find((c) => c.jobId === jobId);
      if (card?.summary) restart(card.summary);
    },
    [jobs.cards, restart],
  );

  const retryFailed = useCallback(
    (jobId: string, fileName: string) => {
      void window.fleet.importRetryFailed({ jobId }).then(
        (result) => {
          if (result.ok) track(jobId, fileName, result.value.position, true);
          else addNotice({ level: 'error', fileName, text: result.error.message, code: result.error.code });
        },
        (thrown: unknown) => addNotice({ level: 'error', fileName, text: toError(thrown).message, code: 'INTERNAL' }),
      );
    },
    [track, addNotice],
  );

  const openReport = useCallback((jobId: string, fileName: string) => setReport({ jobId, fileName }), []);
  const interrupted = (jobs.history ?? []).filter((job) => job.state === 'interrupted' && !jobs.cards.some((c) => c.jobId === job.jobId));

  return (
    <section className="import-panel" aria-label="Import">
      <div className="import-toolbar">
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-label="Fleet files to import"
          accept=".csv,.tsv,.txt,.xlsx,.gpg,.pgp,.asc,text/csv"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) enqueueFiles(files);
          }}
        />
        <span className="import-muted import-hint">or drop fleet CSV files anywhere on the window</span>
        <label className="checkbox-label import-refresh" htmlFor={refreshId} title="Ask vPIC again for vehicles already in the fleet">
          <input id={refreshId} type="checkbox" checked={refresh} onChange={(event) => setRefresh(event.target.checked)} />
          Re-decode stored vehicles
        </label>
        <span className="import-spacer" />
        <button
          type="button"
          className="button"
          onClick={() => {
            refreshHistory();
            setHistoryOpen(true);
          }}
        >
          Import history
        </button>
        <button type="button" className="button" onClick={() => setKeyOpen(true)}>
          Encryption key…
        </button>
      </div>

      {portalOr(messagesTarget, <>
      {interrupted.length > 0 && (
        <p className="import-interrupted" role="status">
          {interrupted.length === 1
            ? `The import of ${interrupted[0]!.fileName} was interrupted.`
            : `${interrupted.length} imports were interrupted.`}{' '}
          {interrupted.length === 1 ? (
            <button type="button" className="button button-small" onClick={() => resume(interrupted[0]!)}>
              Resume
            </button>
          ) : (
            <button type="button" className="button button-small" onClick={() => setHistoryOpen(true)}>
              Show imports
            </button>
          )}
        </p>
      )}

      {notices.length > 0 && (
        <ul className="import-notices" aria-label="Import messages">
          {notices.map((notice) => (
            <li key={notice.id} className={`import-notice import-notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
              <span>
                {notice.fileName ? `${notice.fileName}: ` : ''}
                {notice.text} {notice.code && <code className="app-error-code">{notice.code}</code>}
              </span>
              {notice.action && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    setNotices((old) => old.filter((n) => n.id !== notice.id));
                    notice.action!.run();
                  }}
                >
                  {notice.action.label}
                </button>
              )}
              <button
                type="button"
                className="button-icon"
                aria-label="Dismiss message"
                onClick={() => setNotices((old) => old.filter((n) => n.id !== notice.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}

      {jobs.cards.length > 0 && (
        <div className="import-cards">
          {jobs.cards.map((card) => (
            <ImportJobCard
              key={card.jobId}
              card={card}
              cancelling={cancelling.has(card.jobId)}
              onCancel={cancel}
              onViewReport={openReport}
              onSaveReport={saveReport}
              onResume={resumeById}
              onRestart={restartById}
              onRetryFailed={(jobId) => retryFailed(jobId, card.fileName)}
              onDismiss={jobs.dismiss}
            />
          ))}
        </div>
      )}
      </>)}

      {dragging && <DropOverlay />}

      {question?.kind === 'passphrase' && (
        <PassphraseDialog
          key={`${question.question.fileName}:${question.question.error?.message ?? ''}`}
          fileName={question.question.fileName}
          error={question.question.error}
          keyVersion={keyVersion}
          onManageKey={() => setKeyOpen(true)}
          onSubmit={(passphrase) => answer(question.answer, passphrase)}
          onCancel={() => answer(question.answer, null)}
        />
      )}
      {question?.kind === 'column' && (
        <ColumnPickerDialog
          preview={question.preview}
          onImport={(choice) => answer(question.answer, choice)}
          onCancel={() => answer(question.answer, null)}
        />
      )}
      {historyOpen && (
        <HistoryDialog
          jobs={jobs.history}
          error={jobs.historyError}
          onResume={(job) => {
            setHistoryOpen(false);
            resume(job);
          }}
          onRetryFailed={(job) => {
            setHistoryOpen(false);
            retryFailed(job.jobId, job.fileName);
          }}
          onViewReport={openReport}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      {report && <ReportDialog jobId={report.jobId} fileName={report.fileName} onSave={saveReport} onClose={() => setReport(null)} />}
      {keyOpen && (
        <KeyDialog
          onClose={() => {
            setKeyOpen(false);
            setKeyVersion((v) => v + 1);
          }}
        />
      )}
    </section>
  );
}

function portalOr(target: HTMLElement | null | undefined, content: React.JSX.Element): React.ReactNode {
  return target ? createPortal(content, target) : content;
}

/**
 * File › Import… (desktop only: the web target has no menu) asks main for the native open
 * dialog, since a page may only open its own file picker from a click (user activation).
 */
async function chooseNativeFiles(
  enqueueGranted: (result: Result<RegisteredFiles>) => void,
  addNotice: (notice: Omit<Notice, 'id'>) => void,
): Promise<void> {
  try {
    enqueueGranted(await window.fleet.importChooseFiles({}));
  } catch (thrown) {
    addNotice({ level: 'error', fileName: '', text: toError(thrown).message, code: 'INTERNAL' });
  }
}
