/**
 * The fleet's persistence, as the services see it: one interface, two implementations.
 *
 * SQLite (embedded, one desk) and PostgreSQL (a team's server) both implement `FleetStore`.
 * Services, handlers, workers and the CLI hold a `FleetStore` and never a driver, so a SQL
 * dialect difference (FTS5 against pg_trgm, `json_patch` against `jsonb ||`, temp tables against
 * a real undo table) stays inside its implementation.
 *
 * Every method is async (a server answers over the network) and every method that writes is one
 * transaction of its own: callers never hold a transaction across an await, because an embedded
 * connection is shared by everything in its process. Where several writes must land together
 * (an import chunk's vehicles and the job's cursor), that is one method here.
 */
import type { ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import type { ImportCounts, ImportJobError, ImportJobState, ImportReject } from '../../../shared/import/import-contract';
import type { FleetOverview } from '../../../shared/overview/fleet-overview';
import type { RecallCampaign, RecallSummary, VehicleRecalls } from '../../../shared/recalls/recall-types';
import type { DecodedVehicle, Vehicle } from '../../../shared/vehicle';
import type {
  VehicleFacets,
  VehicleFilter,
  VehicleListPage,
  VehicleListQuery,
  VehicleSortKeys,
} from '../../../shared/vehicles/vehicle-query';
import type { RemovalProgress, VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import type { FetchedRecallStatus } from '../../../shared/recalls/recall-types';
import type { RecallModelKey } from '../recalls/recalls-client';
import type { ExportRow } from '../export/export-rows';
import type { TempJournal } from '../files/pending-temp-files';
import type { FailedRow, ImportJobOptions, ImportJobRecord, RejectInput } from '../import/import-job-record';
import type { JobOwner, JobOwnership } from '../import/job-ownership';
import type { StorageLocation } from './storage-location';

export interface UpsertResult {
  readonly id: number;
  /** True when the VIN was new; false when an existing row was updated (same id). */
  readonly created: boolean;
}

export interface UpsertItem {
  readonly vehicle: DecodedVehicle;
  /** A file row's other columns (header → text): fleet fields go to their columns, the rest merge into custom attributes. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** The vehicles cache. Ids are stable: an upsert of a known VIN updates it in place. */
export interface VehicleStore {
  upsertDecoded(item: UpsertItem, now: Date): Promise<UpsertResult>;
  /** All stored, or none. */
  upsertManyDecoded(items: readonly UpsertItem[], now: Date): Promise<UpsertResult[]>;
  /** Replace the decode of vehicles still stored (never insert); returns the VINs updated, in input order. */
  updateDecodedIfPresent(vehicles: readonly DecodedVehicle[], now: Date): Promise<string[]>;
  getByVin(vin: string): Promise<Vehicle | null>;
  getById(id: number): Promise<Vehicle | null>;
  getManyByVin(vins: readonly string[]): Promise<Map<string, Vehicle>>;
  /** The table's page, recall summaries included. */
  list(query: VehicleListQuery): Promise<VehicleListPage>;
  count(filter?: VehicleFilter): Promise<number>;
  facets(): Promise<VehicleFacets>;
  /** VINs whose stored decode came from the offline snapshot (to re-check online). */
  listOfflineVins(limit: number): Promise<string[]>;
  /** Ids matching a filter (for "remove all in this view"). */
  idsMatching(filter: VehicleFilter): Promise<number[]>;
  /**
   * Up to `limit` stored vehicles with an id above `afterId`, in id order, fleet fields and custom
   * attributes included: keyset pages for reading a whole fleet (copying it to another store)
   * without holding it in memory or walking an OFFSET.
   */
  pageAfterId(afterId: number, limit: number): Promise<Vehicle[]>;
}

/** Removal with undo: removed rows are kept aside (same ids) until undone, discarded or expired. */
export interface RemovalStore {
  remove(ids: readonly number[], onProgress: (p: RemovalProgress) => void): Promise<{ removed: number; token: string; expiresAt: Date }>;
  /** Put a removal back with its ids; NOT_FOUND (an AppFailure) when the token expired or is unknown. */
  restore(token: string, onProgress: (p: RemovalProgress) => void): Promise<number>;
  discard(token: string): Promise<void>;
}

/** One committed step of an import: the vehicles, the counts, the rejects and the cursor, together. */
export interface ImportChunk {
  readonly upserts: readonly UpsertItem[];
  /** Rows of known VINs whose decode is kept and whose columns merge into the stored vehicle. */
  readonly attributeUpdates: readonly { readonly vin: string; readonly attributes: Readonly<Record<string, string>> }[];
  /** Re-decodes of stored vehicles (a refresh import). */
  readonly redecoded: readonly DecodedVehicle[];
  readonly lastRow: number;
  readonly delta: ImportCounts;
  readonly rejects: readonly RejectInput[];
  /** VINs this chunk handled (a resumed job counts a VIN seen before as a duplicate). */
  readonly vins: readonly string[];
}

export interface ImportJobStore {
  create(input: { filePath: string; fileName: string; options: ImportJobOptions; state?: ImportJobState; owner: JobOwner }, now: Date): Promise<ImportJobRecord>;
  get(jobId: string): Promise<ImportJobRecord | null>;
  list(limit?: number): Promise<ImportJobRecord[]>;
  setState(jobId: string, state: ImportJobState, now: Date, error?: ImportJobError | null, owner?: JobOwner): Promise<void>;
  setOptions(jobId: string, options: ImportJobOptions, now: Date): Promise<void>;
  /** Running or queued jobs whose owner is gone (see job-ownership): marked `interrupted`; returns how many. */
  markInterrupted(now: Date, isOrphaned: (job: JobOwnership) => boolean): Promise<number>;
  /** The owner's heartbeat on its running/queued jobs. */
  heartbeat(owner: JobOwner, now: Date, jobId?: string): Promise<number>;
  seenVins(jobId: string, vins: readonly string[]): Promise<Set<string>>;
  /**
   * Vehicles and job progress in one transaction: a killed import resumes without losing or
   * repeating a row. Idempotent by the job's cursor: a chunk whose `lastRow` is not beyond the
   * rows committed was stored already, so nothing is applied and the answer is the stored ids of
   * its upserts (`created: false`): a commit retried after its answer was lost counts once.
   */
  commitChunk(jobId: string, chunk: ImportChunk, now: Date): Promise<UpsertResult[]>;
  countRejects(jobId: string): Promise<number>;
  listRejects(jobId: string, offset: number, limit: number): Promise<ImportReject[]>;
  iterateRejects(jobId: string, pageSize?: number): AsyncIterable<ImportReject[]>;
  listFailedRows(jobId: string, afterRow: number, limit: number): Promise<FailedRow[]>;
  /** A retry's recovered rows: vehicles stored and their rejects removed together. */
  commitRetryChunk(
    jobId: string,
    chunk: {
      readonly upserts: readonly UpsertItem[];
      readonly attributeUpdates: ImportChunk['attributeUpdates'];
      readonly recovered: readonly number[];
      readonly added: number;
      readonly updated: number;
      readonly offline?: number;
      /** Rows that failed again: they stay in the report with the new reason. */
      readonly stillFailed?: readonly { readonly row: number; readonly reason: string }[];
    },
    now: Date,
  ): Promise<UpsertResult[]>;
}

export interface CachedRecallModel {
  readonly status: FetchedRecallStatus;
  readonly campaigns: readonly RecallCampaign[];
  readonly fetchedAt: string;
}

export interface RecallStore {
  save(key: RecallModelKey, answer: { readonly status: FetchedRecallStatus; readonly campaigns: readonly RecallCampaign[] }, fetchedAt: Date): Promise<void>;
  get(key: RecallModelKey): Promise<CachedRecallModel | null>;
  /** Distinct make/model/years of the fleet (or of `ids`) with no answer, or one fetched before `fetchedBefore`. */
  modelsToFetch(options: { readonly fetchedBefore: Date | null; readonly ids?: readonly number[] }): Promise<RecallModelKey[]>;
  summaries(ids: readonly number[]): Promise<Map<number, RecallSummary>>;
  forVehicle(id: number, lastError: (key: RecallModelKey) => string | null): Promise<VehicleRecalls | null>;
}

/** Remembered column mappings, per header set. */
export interface MappingStore {
  remembered(columns: readonly string[]): Promise<ColumnMapping | null>;
  remember(columns: readonly string[], mapping: ColumnMapping, now: Date): Promise<void>;
}

/** Rows for an export, streamed in pages (a cursor or keyset pages: never the whole table in memory). */
export interface ExportSource {
  count(filter?: VehicleFilter): Promise<number>;
  /** Custom attribute names of the matching vehicles, in a stable order (spreadsheet columns). */
  customHeaders(filter?: VehicleFilter): Promise<string[]>;
  rows(options: { readonly filter?: VehicleFilter; readonly sort?: VehicleSortKeys; readonly batchSize: number; readonly withRaw: boolean }): AsyncIterable<ExportRow[]>;
}

/** A change another process (another desk, the CLI) made, for tables to refresh: what the window is told. */
export type StoreChange = VehiclesChanged;

/** A copy of the whole store written to a file the user chose. */
export interface StoreBackup {
  /** Where the backup was written. */
  readonly path: string;
  /** Size of the backup file. */
  readonly bytes: number;
}

export interface FleetStore {
  /** Where this store lives (for messages and logs: a URL's password is never kept here). */
  readonly location: StorageLocation;
  readonly vehicles: VehicleStore;
  readonly removals: RemovalStore;
  readonly importJobs: ImportJobStore;
  readonly recalls: RecallStore;
  readonly mappings: MappingStore;
  readonly exports: ExportSource;
  overview(): Promise<FleetOverview>;
  /** Tell other processes sharing this store that something changed (no-op where nobody else can see it). */
  announce(change: StoreChange): Promise<void>;
  /** Changes announced by other processes; returns an unsubscribe. */
  onRemoteChange(listener: (change: StoreChange) => void): () => void;
  /**
   * Copy the store into one file, atomically (SQLite only: a server is backed up by its own
   * tools). Absent where the store has no such copy; the caller says so to the user.
   */
  backup?(target: string, options?: { readonly journal?: TempJournal }): Promise<StoreBackup>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /**
   * A reader's store (an export): it never writes, and every read sees the same moment of the
   * fleet, so a count and the rows streamed after it agree even while the app keeps writing.
   */
  readonly snapshot?: boolean;
}
