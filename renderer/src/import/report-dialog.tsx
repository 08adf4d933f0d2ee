/**
 * The rejected rows of one import, a page at a time: row number, the value as written and why
 * it was refused, so the sender can fix the file.
 */
import { useState } from 'react';
import { useContract } from '../app/use-contract';
import { formatCount, formatPageRange } from './import-format';
import { ModalDialog } from './modal-dialog';

export const REPORT_PAGE_SIZE = 100;

export interface ReportDialogProps {
  readonly jobId: string;
  readonly fileName: string;
  readonly onSave: (jobId: string) => void;
  readonly onClose: () => void;
}

export function ReportDialog(props: ReportDialogProps): React.JSX.Element {
  const { jobId, fileName, onSave, onClose } = props;
  const [offset, setOffset] = useState(0);

  const { value: page, error } = useContract(() => window.fleet.importReport({ jobId, offset, limit: REPORT_PAGE_SIZE }), [jobId, offset]);

  const total = page?.total ?? 0;
  const shown = page?.rejects.length ?? 0;
  return (
    <ModalDialog title={`Rejected rows of ${fileName}`} onClose={onClose} className="import-dialog-wide">
      {error && (
        <p className="import-error" role="alert">
          {error.message} <code className="app-error-code">{error.code}</code>
        </p>
      )}
      {page && (
        <p className="import-muted" aria-live="polite">
          {formatPageRange(page.offset, shown, total)}
        </p>
      )}
      <div className="import-report-scroll">
        <table className="import-table" aria-label={`Rejected rows of ${fileName}`} aria-busy={page === null}>
          <thead>
            <tr>
              <th scope="col" className="import-num">
                Row
              </th>
              <th scope="col">Value</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {page?.rejects.map((reject) => (
              <tr key={reject.row} className={`import-reject-${reject.kind}`}>
                <td className="import-num">{formatCount(reject.row)}</td>
                <td>
                  <code className="import-value">{reject.value === '' ? '(empty)' : reject.value}</code>
                </td>
                <td>{reject.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="import-dialog-buttons">
        <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - REPORT_PAGE_SIZE))}>
          Previous
        </button>
        <button type="button" className="button" disabled={offset + shown >= total} onClick={() => setOffset(offset + REPORT_PAGE_SIZE)}>
          Next
        </button>
        <span className="import-spacer" />
        <button type="button" className="button" disabled={total === 0} onClick={() => onSave(jobId)}>
          Save report…
        </button>
        <button type="button" className="button-primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
