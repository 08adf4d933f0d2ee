/**
 * A file's column mapping: which stored field each column of a fleet file goes to.
 *
 * The preview proposes one (a remembered mapping for files with the same headers, else the
 * synonyms), the user may change it, and `import:start` takes it. `vin` marks the VIN column,
 * a fleet field key a standard field, `custom` keeps the column as a custom field under its own
 * header, `ignore` drops it.
 */
import { z } from 'zod';
import { FLEET_FIELD_KEYS, fleetFieldForHeader, type FleetFieldKey } from './fleet-fields';

export const MAPPING_TARGETS = ['vin', ...FLEET_FIELD_KEYS, 'custom', 'ignore'] as const;
export type MappingTarget = (typeof MAPPING_TARGETS)[number];

/** Header (as the preview names the column) → target. */
export type ColumnMapping = Readonly<Record<string, MappingTarget>>;

/** Most columns a mapping names (fleet files have tens of columns, not thousands). */
export const MAX_MAPPED_COLUMNS = 1000;

export const columnMappingSchema = z
  .record(z.string().min(1).max(1000), z.enum(MAPPING_TARGETS))
  .refine((m) => Object.keys(m).length <= MAX_MAPPED_COLUMNS, { message: `at most ${MAX_MAPPED_COLUMNS} columns` })
  .refine((m) => Object.values(m).filter((t) => t === 'vin').length <= 1, { message: 'only one column can be the VIN' })
  .refine(
    (m) => {
      const fields = Object.values(m).filter((t) => t !== 'custom' && t !== 'ignore' && t !== 'vin');
      return new Set(fields).size === fields.length;
    },
    { message: 'each standard field can come from one column only' },
  );

/**
 * The mapping the synonyms suggest: the VIN column, each standard field from the first header
 * that means it, everything else custom.
 */
export function proposeMapping(columns: readonly string[], vinColumn: string | null): Record<string, MappingTarget> {
  const mapping: Record<string, MappingTarget> = {};
  const taken = new Set<FleetFieldKey>();
  for (const column of columns) {
    if (column === vinColumn) {
      mapping[column] = 'vin';
      continue;
    }
    const field = fleetFieldForHeader(column);
    if (field !== null && !taken.has(field)) {
      taken.add(field);
      mapping[column] = field;
    } else {
      mapping[column] = 'custom';
    }
  }
  return mapping;
}

/** The VIN column a mapping names, or null. */
export function mappedVinColumn(mapping: ColumnMapping): string | null {
  return Object.keys(mapping).find((header) => mapping[header] === 'vin') ?? null;
}
