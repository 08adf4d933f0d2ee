/**
 * The fleet table's columns: the decode's headline fields, the standard fleet fields, then the
 * fleet's own custom attributes.
 */
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { VEHICLE_SORT_COLUMNS, type VehicleSortColumn } from '../../../shared/vehicles/vehicle-limits';
import type { VehicleRow, VehicleSort, VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import { FLEET_FIELDS } from '../../../shared/fleet-fields/fleet-fields';
import { recordSourceLabel } from '../lookup/source-label';
import { RecallCell, recallCellText } from '../recalls/recall-cell';

const decodedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function formatDecodedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : decodedFormat.format(date);
}

export const ATTRIBUTE_PREFIX = 'attr:';

function text(value: string | number | null): string {
  return value === null ? '' : String(value);
}

export function fleetColumns(attributeKeys: readonly string[]): ColumnDef<VehicleRow>[] {
  const base: ColumnDef<VehicleRow>[] = [
    {
      id: 'vin',
      header: 'VIN',
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
    { id: 'make', header: 'Make', size: 130, accessorFn: (row) => text(row.make) },
    { id: 'model', header: 'Model', size: 130, accessorFn: (row) => text(row.model) },
    { id: 'modelYear', header: 'Year', size: 112, accessorFn: (row) => text(row.modelYear) },
    { id: 'bodyClass', header: 'Body class', size: 180, accessorFn: (row) => text(row.bodyClass) },
    ...FLEET_FIELDS.map(
      (field): ColumnDef<VehicleRow> => ({
        id: field.key,
        header: field.label,
        size: field.type === 'text' ? 120 : 100,
        // Only the indexed fleet columns sort: the others would sort the whole fleet per click.
        enableSorting: isSortColumn(field.key),
        accessorFn: (row) => text(row.fleet[field.key]),
      }),
    ),
    { id: 'source', header: 'Source', size: 80, accessorFn: (row) => recordSourceLabel(row.source) },
    { id: 'decodedAt', header: 'Decoded', size: 150, accessorFn: (row) => formatDecodedAt(row.decodedAt) },
    {
      id: 'recalls',
      header: 'Recalls',
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
