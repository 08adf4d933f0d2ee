/**
 * The PostgreSQL tables as kysely sees them: one module, one definition of each column's type.
 *
 * Column names are SQLite's, so rows map to the same `VehicleDbRow` / `ExportRow` shapes. Types
 * are what `pg` hands back: `integer`/`smallint` as numbers, `text` timestamps as the same ISO
 * strings SQLite stores (they sort as text), `jsonb` as parsed values (selected `::text` where a
 * row must look like SQLite's).
 */
import type { ColumnType, Generated } from 'kysely';

/** A jsonb column: written as JSON text, read as the parsed value. */
type Jsonb<T> = ColumnType<T, string, string>;

export interface VehiclesTable {
  id: Generated<number>;
  vin: string;
  make: string | null;
  model: string | null;
  model_year: number | null;
  body_class: string | null;
  manufacturer: string | null;
  series: string | null;
  trim: string | null;
  vehicle_type: string | null;
  gvwr: string | null;
  drive_type: string | null;
  fuel_type: string | null;
  engine_model: string | null;
  engine_cylinders: number | null;
  displacement_l: number | null;
  plant_country: string | null;
  plant_city: string | null;
  error_codes: string;
  error_text: string | null;
  has_errors: number;
  source: string;
  decoded_at: string;
  snapshot_version: string | null;
  raw_json: string;
  attributes_json: Jsonb<Record<string, string>>;
  created_at: string;
  updated_at: string;
  unit_number: string | null;
  plate: string | null;
  plate_region: string | null;
  department: string | null;
  driver: string | null;
  odometer: number | null;
  in_service_date: string | null;
  notes: string | null;
  /** Generated from the search columns (migration 1); never written. */
  search_text: ColumnType<string, never, never>;
}

export interface ImportJobsTable {
  id: string;
  seq: Generated<number>;
  file_path: string;
  file_name: string;
  state: string;
  options_json: string;
  total: Generated<number>;
  added: Generated<number>;
  updated: Generated<number>;
  duplicates: Generated<number>;
  invalid: Generated<number>;
  failed: Generated<number>;
  offline: Generated<number>;
  rows_committed: Generated<number>;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  error_code: string | null;
  error_message: string | null;
  owner_pid: number | null;
  owner_instance: string | null;
  owner_host: string | null;
}

export interface ImportRejectsTable {
  job_id: string;
  row: number;
  value: string;
  code: string;
  reason: string;
  kind: 'invalid' | 'failed';
  attributes_json: string;
}

export interface ImportJobVinsTable {
  job_id: string;
  vin: string;
}

export interface RecallModelsTable {
  make: string;
  model: string;
  model_year: number;
  status: string;
  campaign_count: number;
  park_count: number;
  campaign_numbers: string;
  campaigns_json: string;
  fetched_at: string;
}

export interface ColumnMappingsTable {
  signature: string;
  mapping_json: string;
  updated_at: string;
}

/** A removal that can be undone: kept in the database so Undo survives a restart or another desk. */
export interface RemovalsTable {
  token: string;
  count: number;
  expires_at: string;
  created_at: string;
}

export interface RemovedVehiclesTable {
  token: string;
  id: number;
  /** The whole `vehicles` row (`to_jsonb`), so a later column is carried without a change here. */
  row_json: Jsonb<Record<string, unknown>>;
}

export interface SchemaMigrationsTable {
  version: number;
  description: string;
  applied_at: string;
}

export interface FleetDatabase {
  vehicles: VehiclesTable;
  import_jobs: ImportJobsTable;
  import_rejects: ImportRejectsTable;
  import_job_vins: ImportJobVinsTable;
  recall_models: RecallModelsTable;
  column_mappings: ColumnMappingsTable;
  removals: RemovalsTable;
  removed_vehicles: RemovedVehiclesTable;
  schema_migrations: SchemaMigrationsTable;
}
