/**
 * The export domain of the IPC contract: save the fleet (or the table's current view) as a
 * Parquet file for the data team or a CSV file for spreadsheets.
 */
import { z } from 'zod';
import { filePathSchema } from '../ipc/file-path';
import { vehicleListQuerySchema } from '../vehicles/vehicle-query';

export const EXPORT_FORMATS = ['parquet', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension of each format, without the dot. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { parquet: 'parquet', csv: 'csv' };

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
  return ext === 'parquet' ? 'parquet' : ext === 'csv' ? 'csv' : null;
}
