/**
 * The imports this window shows: one card per job started (or seen progressing) in this session,
 * kept live from `import:progress` / `import:finished`, and the history from `import:jobs`.
 *
 * Events can arrive before `import:start` has answered (a small file finishes fast), so a card is
 * created by whichever comes first: the answer or an event.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ImportJobSummary, ImportProgress } from '../../../shared/import/import-contract';
import type { AppError } from '../../../shared/ipc/result';
import { useContract } from '../app/use-contract';

export interface JobCard {
  readonly jobId: string;
  readonly fileName: string;
  /** Jobs ahead in the queue when it was started. */
  readonly position: number;
  readonly progress: ImportProgress | null;
  /** Set once the job stopped (done, cancelled, failed). */
  readonly summary: ImportJobSummary | null;
}

export interface ImportJobs {
  readonly cards: readonly JobCard[];
  readonly history: readonly ImportJobSummary[] | null;
  readonly historyError: AppError | null;
  /** Record a job `import:start` / `import:resume` / `import:retryFailed` just queued (`restart`: show its progress again). */
  readonly track: (jobId: string, fileName: string, position: number, restart?: boolean) => void;
  readonly dismiss: (jobId: string) => void;
  readonly refreshHistory: () => void;
}

function upsert(cards: readonly JobCard[], jobId: string, change: (card: JobCard | null) => JobCard): JobCard[] {
  const index = cards.findIndex((c) => c.jobId === jobId);
  if (index === -1) return [...cards, change(null)];
  const next = [...cards];
  next[index] = change(cards[index]!);
  return next;
}

export function useImportJobs(): ImportJobs {
  const [cards, setCards] = useState<readonly JobCard[]>([]);
  const [historyVersion, setHistoryVersion] = useState(0);

  const refreshHistory = useCallback(() => setHistoryVersion((v) => v + 1), []);

  const read = useContract(() => window.fleet.importJobs({}), [historyVersion]);
  const history = read.value?.jobs ?? null;
  const historyError = read.error;

  useEffect(() => {
    const offProgress = window.fleet.onImportProgress((progress) => {
      setCards((old) =>
        upsert(old, progress.jobId, (card) =>
          card
            ? // A late progress event never undoes the final summary.
              card.summary
              ? card
              : { ...card, fileName: progress.fileName, progress }
            : { jobId: progress.jobId, fileName: progress.fileName, position: 0, progress, summary: null },
        ),
      );
    });
    const offFinished = window.fleet.onImportFinished((summary) => {
      setCards((old) =>
        upsert(old, summary.jobId, (card) => ({
          jobId: summary.jobId,
          fileName: summary.fileName,
          position: card?.position ?? 0,
          progress: card?.progress ?? null,
          summary,
        })),
      );
      setHistoryVersion((v) => v + 1);
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, []);

  const track = useCallback((jobId: string, fileName: string, position: number, restart = false) => {
    setCards((old) =>
      upsert(old, jobId, (card) =>
        card
          ? // Resumed after a cancel, or retrying failed rows: the old summary no longer holds.
            card.summary && (restart || card.summary.state !== 'done')
            ? { ...card, position, summary: null }
            : card
          : { jobId, fileName, position, progress: null, summary: null },
      ),
    );
    setHistoryVersion((v) => v + 1);
  }, []);

  const dismiss = useCallback((jobId: string) => setCards((old) => old.filter((c) => c.jobId !== jobId)), []);

  return { cards, history, historyError, track, dismiss, refreshHistory };
}
