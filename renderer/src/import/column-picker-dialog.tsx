/**
 * The preview shown before anything is stored: the first rows of the file, which column holds the
 * VINs (when the importer is not sure), and where every other column goes (a standard fleet
 * field, a custom field, or nowhere), as proposed by the synonyms.
 */
import { useId, useState } from 'react';
import type { ColumnMapping, MappingTarget } from '../../../shared/fleet-fields/column-mapping';
import { FLEET_FIELDS } from '../../../shared/fleet-fields/fleet-fields';
import { FILE_ENCODING_LABELS, type ImportPreview } from '../../../shared/import/import-contract';
import type { ColumnChoice } from './import-intake';
import { formatCount } from './import-format';
import { ModalDialog } from './modal-dialog';

export interface ColumnPickerDialogProps {
  readonly preview: ImportPreview;
  readonly onImport: (choice: ColumnChoice) => void;
  readonly onCancel: () => void;
}

const DELIMITER_NAMES: Record<ImportPreview['delimiter'], string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function ColumnPickerDialog(props: ColumnPickerDialogProps): React.JSX.Element {
  const { preview, onImport, onCancel } = props;
  const [column, setColumn] = useState<string>(preview.detectedVinColumn ?? '');
  const [targets, setTargets] = useState<Record<string, MappingTarget>>(() => ({ ...(preview.mapping ?? {}) }));
  const mapped = preview.mapping !== undefined;
  const setTarget = (header: string, target: MappingTarget): void =>
    setTargets((current) => {
      const next = { ...current };
      // One column per standard field: the column that had it becomes a custom field.
      if (target !== 'custom' && target !== 'ignore') for (const other of Object.keys(next)) if (next[other] === target) next[other] = 'custom';
      next[header] = target;
      return next;
    });
  const choice = (): ColumnChoice => {
    if (!mapped) return { vinColumn: column };
    const mapping: Record<string, MappingTarget> = {};
    for (const header of preview.columns) mapping[header] = header === column ? 'vin' : targets[header] === 'vin' || targets[header] === undefined ? 'custom' : targets[header]!;
    return { vinColumn: column, mapping: mapping as ColumnMapping };
  };
  const selectId = useId();
  const noteId = useId();
  const chosen = preview.columns.indexOf(column);

  return (
    <ModalDialog title={`Import ${preview.fileName}`} onClose={onCancel} className="import-dialog-wide" describedBy={noteId}>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (column) onImport(choice());
        }}
      >
        <p id={noteId} className="import-muted">
          {mapped ? 'Check where the columns go.' : 'Which column holds the VINs?'} Nothing is stored until you choose Import. {preview.columns.length} columns,{' '}
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
        {mapped && (
          <fieldset className="import-mapping">
            <legend>Columns</legend>
            {preview.columns
              .filter((header) => header !== column)
              .map((header) => (
                <div className="import-field-row" key={header}>
                  <label htmlFor={`${selectId}-${header}`}>{header}</label>
                  <select
                    id={`${selectId}-${header}`}
                    className="input"
                    aria-label={`Field for ${header}`}
                    value={targets[header] === 'vin' || targets[header] === undefined ? 'custom' : targets[header]}
                    onChange={(event) => setTarget(header, event.target.value as MappingTarget)}
                  >
                    {FLEET_FIELDS.map((field) => (
                      <option key={field.key} value={field.key}>
                        {field.label}
                      </option>
                    ))}
                    <option value="custom">Custom field “{header}”</option>
                    <option value="ignore">Don’t import</option>
                  </select>
                </div>
              ))}
          </fieldset>
        )}
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
