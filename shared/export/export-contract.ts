/**
 * The export domain of the IPC contract: save the fleet (or the table's current view) as a
 * Parquet file for the data team, or a CSV or Excel (.xlsx) file for spreadsheets.
 */
import { z } from 'zod';
import { filePathSchema } from '../ipc/file-path';
import { vehicleListQuerySchema, vehicleSortKeysSchema } from '../vehicles/vehicle-query';

export const EXPORT_FORMATS = ['parquet', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension of each format, without the dot. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { parquet: 'parquet', csv: 'csv', xlsx: 'xlsx' };

/** Most columns one view export names (the table has ~15 standard ones plus custom fields). */
export const MAX_EXPORT_COLUMNS = 500;

/**
 * A column of the fleet table, by its id: a standard column (`vin`, `make`, `unitNumber`, …; see
 * `SPREADSHEET_COLUMN_IDS`) or a custom field as `attr:<header>`.
 */
export const exportColumnIdSchema = z.string().min(1).max(1000);

/**
 * The filtering part of the fleet table's query (no sort, no paging), as a strict schema.
 *
 * Picked from `vehicleListQuerySchema` so a filter the table accepts is exactly one the export accepts.
 */
export const exportFilterSchema = vehicleListQuerySchema.pick({
  search: true,
  make: true,
  yearFrom: true,
  yearTo: true,
  source: true,
  hasErrors: true,
  checkDigitWrong: true,
  bodyClass: true,
  vehicleType: true,
  gvwrClass: true,
  quality: true,
  recallStatus: true,
  parkIt: true,
  vinContains: true,
  modelContains: true,
});

export type ExportFilter = z.infer<typeof exportFilterSchema>;

export const exportRequestSchemas = {
  /**
   * Ask where to save (native dialog), then export. `scope: 'view'` exports what `filter` matches;
   * `'all'` ignores the filter. A cancelled dialog answers `CANCELLED`.
   */
  'export:run': z
    .object({
      format: z.enum(EXPORT_FORMATS),
      scope: z.enum(['all', 'view']),
      filter: exportFilterSchema.optional(),
      /**
       * The table's visible columns in its order (`scope: 'view'`, CSV and XLSX): the file has
       * exactly these. Without it, spreadsheets get every standard, fleet, custom and decoded field.
       */
      columns: z.array(exportColumnIdSchema).min(1).max(MAX_EXPORT_COLUMNS).optional(),
      /** The table's sort, one key or several (`scope: 'view'`); without it rows come in the order they were stored. */
      sort: vehicleSortKeysSchema.optional(),
    })
    .strict(),
  /** Reveal an exported file in the file manager; only files this session exported. */
  'export:showInFolder': z.object({ path: filePathSchema }).strict(),
} as const;

export type ExportRunRequest = z.infer<(typeof exportRequestSchemas)['export:run']>;

export interface ExportAnswer {
  readonly rows: number;
  /** Absolute path of the written file. */
  readonly path: string;
  readonly format: ExportFormat;
  readonly durationMs: number;
}

export interface ExportProgress {
  readonly rows: number;
  readonly total: number;
}

export interface ExportInvokeContract {
  'export:run': ExportAnswer;
  'export:showInFolder': { readonly shown: true };
}

export interface ExportEventContract {
  /** Rows written so far while `export:run` is running. */
  'export:progress': ExportProgress;
}

/** `fleet-YYYY-MM-DD.parquet`: the default name offered by the save dialog (local date). */
export function defaultExportName(format: ExportFormat, now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `fleet-${date}.${EXPORT_EXTENSIONS[format]}`;
}

/** The format a file name implies, or null for an unknown extension. */
export function formatFromFileName(name: string): ExportFormat | null {
  const match = /\.([^./\\]+)$/.exec(name);
  const ext = match?.[1]?.toLowerCase();
  return ext === 'parquet' ? 'parquet' : ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : null;
}

/**
 * `name`, or `name (2)`, `name (3)`… before the extension: the first that `taken` says is free,
 * so a proposed export name never silently replaces an earlier export.
 */
export function nextFreeName(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; ; n += 1) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken(candidate)) return candidate;
  }
}
