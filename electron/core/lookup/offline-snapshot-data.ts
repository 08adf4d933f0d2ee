/**
 * Read access to the vPIC snapshot for the offline decoder, with the caches that make it fast.
 *
 * NHTSA's decoder re-reads the same WMI, VIN schemas and patterns for every VIN of a maker and
 * year; a fleet has few of those, so each is read once with a prepared statement and kept.
 * Patterns are compiled once per (WMI, year) into matchers. Lookup tables the snapshot does
 * not ship (it is a subset of vPIC) are noted, so their fields can be reported as unavailable
 * instead of guessed.
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { compileKeys, explicitChars, type KeyMatcher } from './offline-key-pattern';
import type { WmiClass } from './offline-model-year';

export interface ElementInfo {
  readonly id: number;
  /** The DecodeVinValues field name (e.g. "BodyClass"). */
  readonly code: string;
  readonly lookupTable: string | null;
  /** Shown in vPIC's output (public, with a decode source). */
  readonly shown: boolean;
  /** Weight in vPIC's choice between decodes of two model years. */
  readonly weight: number;
  /** The element is filled from patterns. */
  readonly fromPatterns: boolean;
}

export interface WmiInfo extends WmiClass {
  readonly id: number;
  readonly manufacturerId: number | null;
  readonly createdOn: string | null;
  readonly publicAvailabilityDate: string | null;
  readonly schemas: readonly { readonly id: number; readonly yearFrom: number; readonly yearTo: number | null; readonly toBeQced: boolean }[];
  readonly makeIds: readonly number[];
}

export interface PatternInfo {
  readonly id: number;
  readonly keys: string;
  readonly elementId: number;
  readonly attributeId: string;
  readonly createdOn: string | null;
  /** YearFrom of the schema it came through: newer schemas win ties (vPIC's priority). */
  readonly priority: number;
  readonly matcher: KeyMatcher;
  readonly formula: boolean;
}

/** What one WMI offers for one model year (or every year when the year is unknown). */
export interface YearPatterns {
  /** Patterns vPIC decodes with, ordered by pattern id. */
  readonly patterns: readonly PatternInfo[];
  /** VIN position → every character some key of these schemas names there. */
  readonly validChars: ReadonlyMap<number, string>;
  readonly schemaCount: number;
}

/** Elements vPIC fills from the WMI, the model year or the decode itself, never from patterns. */
const NOT_FROM_PATTERNS: ReadonlySet<number> = new Set([26, 27, 29, 39]);

/** Cached (WMI, year) entries at most; a fleet has far fewer. */
const YEAR_CACHE_LIMIT = 4000;

/** Elements with fewer pattern rows than this in the snapshot are reported as not provided. */
const SPARSE_PATTERNS = 100;

type WmiRow = {
  Id: number;
  ManufacturerId: number | null;
  VehicleTypeId: number | null;
  TruckTypeId: number | null;
  CreatedOn: string | null;
  PublicAvailabilityDate: string | null;
};
type SchemaRow = { VinSchemaId: number; YearFrom: number; YearTo: number | null; TobeQCed: number | null };
type PatternRow = { Id: number; Keys: string; ElementId: number; AttributeId: string; CreatedOn: string | null };

export interface SnapshotData {
  element(id: number): ElementInfo | undefined;
  wmi(code: string): WmiInfo | null;
  yearPatterns(wmi: WmiInfo, wmiCode: string, year: number | null): YearPatterns;
  /** Name in a lookup table; null when absent, undefined when the snapshot lacks the table. */
  lookup(table: string, id: number): string | null | undefined;
  makesOfModel(modelId: number): readonly number[];
  /** EngineModelPattern rows for an engine model name (vPIC's engine-derived fields). */
  engineModelPatterns(name: string): readonly { elementId: number; attributeId: string; createdOn: string | null }[];
  /** DecodeVinValues fields this snapshot cannot provide (no or hardly any pattern data). */
  readonly missingFields: readonly string[];
  /** Every field vPIC's DecodeVinValues shows, in element order. */
  readonly shownFields: readonly string[];
}

export function openSnapshotData(db: SqliteDatabase): SnapshotData {
  const tables = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name.toLowerCase()),
  );
  const patternCounts = new Map<number, number>();
  if (tables.has('fvl_element_patterns')) {
    for (const r of db.prepare<[], { ElementId: number; Patterns: number }>('SELECT ElementId, Patterns FROM fvl_element_patterns').all()) {
      patternCounts.set(r.ElementId, r.Patterns);
    }
  }
  const elements = new Map<number, ElementInfo>();
  const missing: string[] = [];
  for (const r of db
    .prepare<[], { Id: number; Code: string | null; LookupTable: string | null; IsPrivate: number | null; Decode: string | null; weight: number | null }>(
      'SELECT Id, Code, LookupTable, IsPrivate, Decode, weight FROM Element',
    )
    .all()) {
    const fromPatterns = (r.Decode ?? '').includes('Pattern') && !NOT_FROM_PATTERNS.has(r.Id);
    const info: ElementInfo = {
      id: r.Id,
      code: r.Code ?? '',
      lookupTable: r.LookupTable ? r.LookupTable : null,
      shown: (r.Decode ?? '') !== '' && r.IsPrivate !== 1,
      weight: r.weight ?? 0,
      fromPatterns,
    };
    elements.set(r.Id, info);
    const lookupMissing = info.lookupTable !== null && !tables.has(info.lookupTable.toLowerCase());
    if (info.shown && fromPatterns && (lookupMissing || (patternCounts.get(r.Id) ?? 0) < SPARSE_PATTERNS)) {
      missing.push(info.code);
    }
  }

  const wmiStatement = db.prepare<[string], WmiRow>(
    'SELECT Id, ManufacturerId, VehicleTypeId, TruckTypeId, CreatedOn, PublicAvailabilityDate FROM Wmi WHERE Wmi = ? ORDER BY Id LIMIT 1',
  );
  const schemaStatement = db.prepare<[number], SchemaRow>(
    'SELECT wv.VinSchemaId, wv.YearFrom, wv.YearTo, vs.TobeQCed FROM Wmi_VinSchema wv LEFT JOIN VinSchema vs ON vs.Id = wv.VinSchemaId WHERE wv.WmiId = ? ORDER BY wv.Id',
  );
  const makeStatement = db.prepare<[number], { MakeId: number }>('SELECT DISTINCT MakeId FROM Wmi_Make WHERE WmiId = ? ORDER BY MakeId');
  const patternStatement = db.prepare<[number], PatternRow>(
    'SELECT Id, Keys, ElementId, AttributeId, CreatedOn FROM Pattern WHERE VinSchemaId = ?',
  );
  const modelMakesStatement = db.prepare<[number], { MakeId: number }>('SELECT MakeId FROM Make_Model WHERE ModelId = ? ORDER BY MakeId');
  const engineModelStatement = db.prepare<[string], { Id: number }>('SELECT Id FROM EngineModel WHERE lower(trim(Name)) = ? LIMIT 1');
  const engineChildrenStatement = db.prepare<[number], { ElementId: number; AttributeId: string; CreatedOn: string | null }>(
    'SELECT ElementId, AttributeId, CreatedOn FROM EngineModelPattern WHERE EngineModelId = ? ORDER BY Id',
  );
  const lookupStatements = new Map<string, Statement<[number], { Name: string }>>();

  const wmis = new Map<string, WmiInfo | null>();
  const schemaPatterns = new Map<number, readonly PatternRow[]>();
  const years = new Map<string, YearPatterns>();
  const lookups = new Map<string, string | null>();
  const modelMakes = new Map<number, readonly number[]>();
  const engines = new Map<string, readonly { elementId: number; attributeId: string; createdOn: string | null }[]>();

  const patternsOfSchema = (id: number): readonly PatternRow[] => {
    let rows = schemaPatterns.get(id);
    if (rows === undefined) {
      rows = patternStatement.all(id);
      schemaPatterns.set(id, rows);
    }
    return rows;
  };

  const shownFields = [...elements.values()].filter((e) => e.shown && e.code !== '').map((e) => e.code);

  return {
    missingFields: missing,
    shownFields,
    element: (id) => elements.get(id),
    wmi(code) {
      let info = wmis.get(code);
      if (info === undefined) {
        const row = wmiStatement.get(code);
        info = row
          ? {
              id: row.Id,
              manufacturerId: row.ManufacturerId,
              vehicleTypeId: row.VehicleTypeId,
              truckTypeId: row.TruckTypeId,
              createdOn: row.CreatedOn,
              publicAvailabilityDate: row.PublicAvailabilityDate,
              schemas: schemaStatement.all(row.Id).map((s) => ({
                id: s.VinSchemaId,
                yearFrom: s.YearFrom,
                yearTo: s.YearTo,
                toBeQced: s.TobeQCed === 1,
              })),
              makeIds: makeStatement.all(row.Id).map((m) => m.MakeId),
            }
          : null;
        wmis.set(code, info);
      }
      return info;
    },
    yearPatterns(wmi, wmiCode, year) {
      const cacheKey = `${wmiCode}|${year ?? ''}`;
      const cached = years.get(cacheKey);
      if (cached) return cached;
      const priorities = new Map<number, number>();
      for (const s of wmi.schemas) {
        if (year !== null && (year < s.yearFrom || year > (s.yearTo ?? 2999))) continue;
        if (!priorities.has(s.id)) priorities.set(s.id, s.yearFrom);
      }
      const patterns: PatternInfo[] = [];
      const valid = new Map<number, Set<string>>();
      for (const [schemaId, priority] of priorities) {
        const toBeQced = wmi.schemas.some((s) => s.id === schemaId && s.toBeQced);
        for (const row of patternsOfSchema(schemaId)) {
          for (const [position, chars] of explicitChars(row.Keys)) {
            let set = valid.get(position);
            if (!set) valid.set(position, (set = new Set()));
            for (const c of chars) set.add(c);
          }
          if (toBeQced || NOT_FROM_PATTERNS.has(row.ElementId)) continue;
          const element = elements.get(row.ElementId);
          if (!element) continue;
          const formula = row.Keys.includes('#');
          // Plain patterns must be decodable public elements; formula patterns only need an element.
          if (!formula && !(element.shown && element.fromPatterns)) continue;
          patterns.push({
            id: row.Id,
            keys: row.Keys.toUpperCase(),
            elementId: row.ElementId,
            attributeId: row.AttributeId,
            createdOn: row.CreatedOn,
            priority,
            matcher: compileKeys(row.Keys),
            formula,
          });
        }
      }
      patterns.sort((a, b) => a.id - b.id);
      const validChars = new Map<number, string>();
      for (const [position, set] of valid) validChars.set(position, [...set].sort().join(''));
      const entry: YearPatterns = { patterns, validChars, schemaCount: priorities.size };
      if (years.size >= YEAR_CACHE_LIMIT) {
        const oldest = years.keys().next();
        if (!oldest.done) years.delete(oldest.value);
      }
      years.set(cacheKey, entry);
      return entry;
    },
    lookup(table, id) {
      const lower = table.toLowerCase();
      if (!tables.has(lower) || !/^[A-Za-z_]+$/.test(table)) return undefined;
      const key = `${lower}|${id}`;
      const cached = lookups.get(key);
      if (cached !== undefined) return cached;
      let statement = lookupStatements.get(lower);
      if (!statement) {
        statement = db.prepare<[number], { Name: string }>(`SELECT Name FROM "${table}" WHERE Id = ? LIMIT 1`);
        lookupStatements.set(lower, statement);
      }
      const name = statement.get(id)?.Name ?? null;
      lookups.set(key, name);
      return name;
    },
    makesOfModel(modelId) {
      let makes = modelMakes.get(modelId);
      if (!makes) {
        makes = modelMakesStatement.all(modelId).map((r) => r.MakeId);
        modelMakes.set(modelId, makes);
      }
      return makes;
    },
    engineModelPatterns(name) {
      const key = name.trim().toLowerCase();
      let rows = engines.get(key);
      if (!rows) {
        const engine = engineModelStatement.get(key);
        rows = engine
          ? engineChildrenStatement.all(engine.Id).map((r) => ({ elementId: r.ElementId, attributeId: r.AttributeId, createdOn: r.CreatedOn }))
          : [];
        engines.set(key, rows);
      }
      return rows;
    },
  };
}
