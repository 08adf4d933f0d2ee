/**
 * The preview shown when the importer is not sure which column holds the VINs: the first rows of
 * the file and a picker, before anything is stored (issue 6, "Reading it").
 */
import { useId, useState } from 'react';
import { FILE_ENCODING_LABELS, type ImportPreview } from '../../../shared/import/import-contract';
import { formatCount } from './import-format';
import { ModalDialog } from './modal-dialog';

export interface ColumnPickerDialogProps {
  readonly preview: ImportPreview;
  readonly onImport: (vinColumn: string) => void;
  readonly onCancel: () => void;
}

const DELIMITER_NAMES: Record<ImportPreview['delimiter'], string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function ColumnPickerDialog(props: ColumnPickerDialogProps): React.JSX.Element {
  const { preview, onImport, onCancel } = props;
  const [column, setColumn] = useState<string>(preview.detectedVinColumn ?? '');
  const selectId = useId();
  const noteId = useId();
  const chosen = preview.columns.indexOf(column);

  return (
    <ModalDialog title={`Import ${preview.fileName}`} onClose={onCancel} className="import-dialog-wide" describedBy={noteId}>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (column) onImport(column);
        }}
      >
        <p id={noteId} className="import-muted">
          Which column holds the VINs? Nothing is stored until you choose Import. {preview.columns.length} columns,{' '}
          {DELIMITER_NAMES[preview.delimiter]}-separated{preview.hasHeader ? ', with a header row' : ', no header row'},{' '}
          {preview.encoding !== null && `${FILE_ENCODING_LABELS[preview.encoding]} text, `}
          {formatCount(preview.sizeBytes)} bytes.
        </p>
        <div className="import-field-row">
          <label htmlFor={selectId}>VIN column</label>
          <select id={selectId} className="input" data-autofocus value={column} onChange={(event) => setColumn(event.target.value)}>
            {preview.detectedVinColumn === null && (
              <option value="" disabled>
                Choose a column…
              </option>
            )}
            {preview.columns.map((name, index) => (
              <option key={`${index}`} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="import-preview-scroll">
          <table className="import-table" aria-label={`Preview of ${preview.fileName}`}>
            <thead>
              <tr>
                {preview.columns.map((name, index) => (
                  <th key={index} scope="col" className={index === chosen ? 'import-col-chosen' : undefined}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sampleRows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {preview.columns.map((name, index) => (
                    <td key={index} className={index === chosen ? 'import-col-chosen' : undefined}>
                      {row[index] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="import-dialog-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={!column}>
            Import
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
