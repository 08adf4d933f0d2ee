/**
 * Column mappings of fleet files: proposed from the headers, remembered per set of headers.
 *
 * A fleet sends the same export every month; once the user has said where its columns go, the
 * next file with the same headers is read the same way without asking. The key is a signature of
 * the headers (normalised, in order), kept by the store's `MappingStore`.
 */
import {
  columnMappingSchema,
  proposeMapping,
  type ColumnMapping,
  type MappingTarget,
} from '../../../shared/fleet-fields/column-mapping';
import { FLEET_FIELDS, normalizeFieldHeader } from '../../../shared/fleet-fields/fleet-fields';
import type { ImportPreview } from '../../../shared/import/import-contract';
import { AppFailure } from '../ipc/app-failure';
import type { MappingStore } from '../storage/fleet-store';

/** The headers, normalised and in order: `Unit #;VIN` and `unit number;vin` are the same file layout. */
export function headerSignature(columns: readonly string[]): string {
  return columns.map(normalizeFieldHeader).join('\u001f');
}

/**
 * A remembered mapping (as stored: JSON-parsed, unchecked) applied to these headers, when it
 * still names exactly these columns. Same signature, different spelling (`Unit #` vs
 * `unit number`): the targets carry over by position.
 */
export function mappingForColumns(columns: readonly string[], stored: unknown): ColumnMapping | null {
  const result = columnMappingSchema.safeParse(stored);
  if (!result.success) return null;
  const keys = Object.keys(result.data);
  if (keys.length !== columns.length) return null;
  return Object.fromEntries(columns.map((column, i) => [column, result.data[keys[i]!]!]));
}

/** A remembered mapping as stored (JSON text) applied to these headers; unreadable JSON is as if nothing were remembered. */
export function mappingFromStoredJson(columns: readonly string[], json: string): ColumnMapping | null {
  try {
    return mappingForColumns(columns, JSON.parse(json));
  } catch {
    return null;
  }
}

/** The mapping as it is remembered: every header in order, unmapped ones as custom fields. */
export function mappingToRemember(columns: readonly string[], mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(columns.map((column) => [column, mapping[column] ?? 'custom']));
}

/** A preview with its proposed mapping: the remembered one, else the synonyms'. */
export async function withProposedMapping<P extends Omit<ImportPreview, 'grantId'>>(mappings: MappingStore, preview: P): Promise<P> {
  if (preview.needsPassphrase || preview.columns.length === 0) return preview;
  const remembered = preview.hasHeader ? await mappings.remembered(preview.columns) : null;
  if (remembered !== null) return { ...preview, mapping: remembered, mappingRemembered: true };
  return { ...preview, mapping: proposeMapping(preview.columns, preview.detectedVinColumn), mappingRemembered: false };
}

/**
 * The name each column's cells are stored under: a standard field's key (which the repository
 * routes to its column), the header for a custom field, or null for a dropped column. Without a
 * mapping the headers themselves, routed by the synonyms.
 */
export function mappedAttributeNames(columns: readonly string[], mapping: ColumnMapping | null): (string | null)[] {
  if (mapping === null) return [...columns];
  return columns.map((column) => {
    const target: MappingTarget = mapping[column] ?? 'custom';
    switch (target) {
      case 'ignore':
      case 'vin':
        return null;
      case 'custom':
        return column;
      default:
        return target;
    }
  });
}

/** The target a user names on the command line: `vin`, `custom`, `ignore`, or a field by key, column or label. */
export function targetNamed(name: string): MappingTarget | null {
  const wanted = normalizeFieldHeader(name);
  if (wanted === 'vin' || wanted === 'custom' || wanted === 'ignore') return wanted;
  const field = FLEET_FIELDS.find((f) => [f.key, f.column, f.label].some((n) => normalizeFieldHeader(n) === wanted));
  return field?.key ?? null;
}

/**
 * `mapping` with the user's `field=header` overrides applied. A field (or the VIN) given to a
 * header is taken from whichever column had it, which becomes a custom field. INVALID_INPUT for
 * an unknown field or header.
 */
export function applyMappingOverrides(
  mapping: ColumnMapping,
  columns: readonly string[],
  overrides: readonly string[],
): Record<string, MappingTarget> {
  const result: Record<string, MappingTarget> = { ...mapping };
  for (const override of overrides) {
    const eq = override.indexOf('=');
    const fieldName = eq > 0 ? override.slice(0, eq).trim() : '';
    const header = eq > 0 ? override.slice(eq + 1).trim() : '';
    const target = targetNamed(fieldName);
    if (target === null || header === '') {
      const fields = FLEET_FIELDS.map((f) => f.key).join(', ');
      throw new AppFailure('INVALID_INPUT', `--map takes field=header, with a field among vin, ${fields}, custom, ignore; "${override}" is not one.`);
    }
    const column = columns.includes(header) ? header : columns.find((c) => normalizeFieldHeader(c) === normalizeFieldHeader(header));
    if (column === undefined) {
      throw new AppFailure('INVALID_INPUT', `The file has no column "${header}" (--map ${override}). Its columns are: ${columns.join(', ')}.`);
    }
    if (target !== 'custom' && target !== 'ignore') {
      for (const other of Object.keys(result)) if (result[other] === target) result[other] = 'custom';
    }
    result[column] = target;
  }
  return result;
}

/** One line per column: `header → target label`, for the CLI. */
export function describeMapping(mapping: ColumnMapping): string[] {
  return Object.keys(mapping).map((header) => {
    const target = mapping[header]!;
    const label =
      target === 'vin' ? 'VIN' : target === 'custom' ? 'custom field' : target === 'ignore' ? 'not imported' : FLEET_FIELDS.find((f) => f.key === target)!.label;
    return `${header} → ${label}`;
  });
}
