/**
 * What the fleet table asks the cache for, and what it gets back.
 *
 * The same zod schema validates the IPC payload in main and types the renderer's state, so a
 * query that reaches the repository is already bounded (search length, page size, a sort
 * column from a closed list; the repository maps that list to SQL, never the raw string).
 */
import { z } from 'zod';
import { DECODE_QUALITIES } from '../overview/fleet-overview';
import { RECALL_STATUSES, type RecallSummary } from '../recalls/recall-types';
import type { DecodeSource } from '../vehicle';
import type { FleetFieldRecord } from '../fleet-fields/fleet-field-values';

export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_SEARCH_LENGTH,
  MAX_SORT_KEYS,
  SORT_DIRECTIONS,
  VEHICLE_SORT_COLUMNS,
  type SortDirection,
  type VehicleSortColumn,
} from './vehicle-limits';
import { MAX_PAGE_SIZE, MAX_SEARCH_LENGTH, MAX_SORT_KEYS, DEFAULT_PAGE_SIZE, SORT_DIRECTIONS, VEHICLE_SORT_COLUMNS } from './vehicle-limits';

const modelYear = z.number().int().min(1900).max(2100);

export const vehicleSortSchema = z
  .object({
    column: z.enum(VEHICLE_SORT_COLUMNS),
    direction: z.enum(SORT_DIRECTIONS),
  })
  .strict();

export type VehicleSort = z.infer<typeof vehicleSortSchema>;

/** One key, or several (most significant first) for a multi-column sort. */
export const vehicleSortKeysSchema = z.union([vehicleSortSchema, z.array(vehicleSortSchema).min(1).max(MAX_SORT_KEYS)]);

export type VehicleSortKeys = z.infer<typeof vehicleSortKeysSchema>;

const columnText = z.string().max(MAX_SEARCH_LENGTH);

export const vehicleListQuerySchema = z
  .object({
    /**
     * Words, every one of which must match (case-insensitively) somewhere in the VIN, make, model,
     * model year, body class, vehicle type or the fleet fields; 1-2 character words match the start
     * of a VIN, unit number, plate, make or model.
     */
    search: z.string().max(MAX_SEARCH_LENGTH).optional(),
    /** Exact make, case-insensitive (the values come from `VehicleFacets.makes`). */
    make: z.string().max(MAX_SEARCH_LENGTH).optional(),
    yearFrom: modelYear.optional(),
    yearTo: modelYear.optional(),
    source: z.enum(['vpic', 'offline']).optional(),
    hasErrors: z.boolean().optional(),
    /** vPIC code 1: position 9 does not match the other 16 (often a mistyped VIN). */
    checkDigitWrong: z.boolean().optional(),
    /** Exact body class, case-insensitive (values from `VehicleFacets.bodyClasses`; the overview's bars). */
    bodyClass: columnText.optional(),
    /** Exact vehicle type or GVWR class ("Class 8"), as the overview counts them. */
    vehicleType: z.string().max(MAX_SEARCH_LENGTH).optional(),
    gvwrClass: z.string().max(MAX_SEARCH_LENGTH).optional(),
    /** Clean decode, check-digit warning (vPIC code 1), or decode errors. */
    quality: z.enum(DECODE_QUALITIES).optional(),
    /** Recall status of the vehicle's make/model/year. */
    recallStatus: z.enum(RECALL_STATUSES).optional(),
    /** Only vehicles whose model has a "park it" or "park outside" campaign. */
    parkIt: z.boolean().optional(),
    /** Case-insensitive substring of the VIN (the VIN column's filter). */
    vinContains: columnText.optional(),
    /** Case-insensitive substring of the model. */
    modelContains: columnText.optional(),
    sort: vehicleSortKeysSchema.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  })
  .strict();

/** A validated query (offset and limit filled in). */
export type VehicleListQuery = z.infer<typeof vehicleListQuerySchema>;
/** What a caller may send (offset and limit optional). */
export type VehicleListQueryInput = z.input<typeof vehicleListQuerySchema>;

/** The filtering part of a query, for exporters and bulk operations that walk every match. */
export type VehicleFilter = Pick<
  VehicleListQuery,
  'search' | 'make' | 'yearFrom' | 'yearTo' | 'source' | 'hasErrors' | 'bodyClass' | 'vehicleType' | 'gvwrClass' | 'quality' | 'recallStatus' | 'parkIt' | 'checkDigitWrong' | 'vinContains' | 'modelContains'
>;

/**
 * One line of the fleet table.
 *
 * Lightweight on purpose: the whole vPIC record (`raw`) is only loaded for the details panel
 * (`Vehicle`), so a page of 500 rows stays small when it crosses IPC.
 */
export interface VehicleRow {
  readonly id: number;
  readonly vin: string;
  readonly make: string | null;
  readonly model: string | null;
  readonly modelYear: number | null;
  readonly bodyClass: string | null;
  readonly source: DecodeSource;
  readonly decodedAt: string;
  readonly hasErrors: boolean;
  readonly errorCodes: readonly string[];
  readonly fleet: FleetFieldRecord;
  readonly attributes: Readonly<Record<string, string>>;
  /** Recalls listed for the vehicle's make/model/year (filled in by `vehicles:list`). */
  readonly recalls?: RecallSummary;
}

export interface VehicleListPage {
  /** Rows matching the filters, whatever the page. */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly VehicleRow[];
}

/** Values for the filter dropdowns. */
export interface VehicleFacets {
  /** Distinct makes, case-insensitively sorted and de-duplicated. */
  readonly makes: readonly string[];
  /** Distinct body classes, the same way. */
  readonly bodyClasses: readonly string[];
  readonly yearMin: number | null;
  readonly yearMax: number | null;
  readonly total: number;
}
