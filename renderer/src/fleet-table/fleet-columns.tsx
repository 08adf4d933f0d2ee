/**
 * The fleet table's columns: the decode's headline fields, the standard fleet fields, then the
 * fleet's own custom attributes. Ids and headers are the vehicle's column keys and labels
 * (shared/vehicles/vehicle-columns.ts), so a spreadsheet export of the view names the same columns.
 */
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { VEHICLE_SORT_COLUMNS, type VehicleSortColumn } from '../../../shared/vehicles/vehicle-limits';
import type { VehicleRow, VehicleSort, VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import { FLEET_FIELD_COLUMNS, HEADLINE_COLUMNS, vehicleColumn, vehicleColumnLabel, vehicleColumnValue } from '../../../shared/vehicles/vehicle-columns';
import { RECALL_COLUMN_LABELS } from '../../../shared/recalls/recall-types';
import { recordSourceLabel } from '../lookup/source-label';
import { RecallCell, recallCellText } from '../recalls/recall-cell';

const decodedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function formatDecodedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : decodedFormat.format(date);
}

export const ATTRIBUTE_PREFIX = 'attr:';

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Widths in pixels where a headline column needs other than the default (years are short, body classes long). */
const HEADLINE_SIZES: Readonly<Record<string, number>> = { modelYear: 112, bodyClass: 180 };

export function fleetColumns(attributeKeys: readonly string[]): ColumnDef<VehicleRow>[] {
  const vin = vehicleColumn('vin');
  // The VIN has its own cell (the decode-error flag); the rest of the headline is plain text.
  const headline = HEADLINE_COLUMNS.filter((column) => column !== vin);
  const base: ColumnDef<VehicleRow>[] = [
    {
      id: vin.key,
      header: vin.label,
      size: 175,
      accessorFn: (row) => row.vin,
      cell: ({ row }) => (
        <span className="cell-vin">
          {row.original.vin}
          {row.original.hasErrors && (
            <span className="cell-flag" title={`vPIC error codes ${row.original.errorCodes.join(', ')}`} aria-label="has decode errors">
              !
            </span>
          )}
        </span>
      ),
    },
    ...headline.map(
      (column): ColumnDef<VehicleRow> => ({
        id: column.key,
        header: column.label,
        size: HEADLINE_SIZES[column.key] ?? 130,
        accessorFn: (row) => text(vehicleColumnValue(row, column)),
      }),
    ),
    ...FLEET_FIELD_COLUMNS.map(
      (column): ColumnDef<VehicleRow> => ({
        id: column.key,
        header: column.label,
        size: column.type === 'text' ? 120 : 100,
        // Only the indexed fleet columns sort: the others would sort the whole fleet per click.
        enableSorting: isSortColumn(column.key),
        accessorFn: (row) => text(vehicleColumnValue(row, column)),
      }),
    ),
    { id: 'source', header: vehicleColumnLabel('source'), size: 80, accessorFn: (row) => recordSourceLabel(row.source) },
    { id: 'decodedAt', header: vehicleColumnLabel('decodedAt'), size: 150, accessorFn: (row) => formatDecodedAt(row.decodedAt) },
    {
      id: 'recalls',
      header: RECALL_COLUMN_LABELS.recalls,
      size: 130,
      accessorFn: (row) => recallCellText(row.recalls),
      cell: ({ row }) => <RecallCell summary={row.original.recalls} />,
    },
  ];
  const attributes: ColumnDef<VehicleRow>[] = attributeKeys.map((key) => ({
    id: `${ATTRIBUTE_PREFIX}${key}`,
    header: key,
    size: 130,
    enableSorting: false,
    accessorFn: (row) => row.attributes[key] ?? '',
  }));
  return [...base, ...attributes];
}

export function isSortColumn(id: string): id is VehicleSortColumn {
  return (VEHICLE_SORT_COLUMNS as readonly string[]).includes(id);
}

/** The table's sort state as the query's keys: one object for one key, a list for several. */
export function sortFromState(sorting: SortingState): VehicleSortKeys | null {
  const keys: VehicleSort[] = [];
  for (const entry of sorting) {
    if (isSortColumn(entry.id)) keys.push({ column: entry.id, direction: entry.desc ? 'desc' : 'asc' });
  }
  if (keys.length === 0) return null;
  return keys.length === 1 ? keys[0]! : keys;
}

/** Id and header text of every column, for the visibility menu. */
export function columnLabels(attributeKeys: readonly string[]): { id: string; label: string }[] {
  return fleetColumns(attributeKeys).map((column) => ({
    id: column.id ?? '',
    label: typeof column.header === 'string' ? column.header : (column.id ?? ''),
  }));
}
