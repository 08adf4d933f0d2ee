/**
 * Numbered schema migrations, tracked with `PRAGMA user_version`.
 *
 * Each migration runs in its own transaction together with the version bump, so a crash leaves
 * the database at the previous version, never half-migrated (Signal Desktop's scheme). Append
 * new migrations; never edit one that has shipped.
 */
import type { Database } from 'better-sqlite3';
import { FLEET_COLUMNS, fleetColumnParams } from '../../../vehicles/fleet-field-columns';
import { SEARCH_COLUMNS } from '../vehicles/search-columns';
import { writeTransaction } from './transactions';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'vehicles cache',
    up: (db) => {
      db.exec(`
        CREATE TABLE vehicles (
          -- AUTOINCREMENT: an id is never reused, so an undone delete can restore the same id.
          id               INTEGER PRIMARY KEY AUTOINCREMENT,
          vin              TEXT    NOT NULL UNIQUE,
          make             TEXT,
          model            TEXT,
          model_year       INTEGER,
          body_class       TEXT,
          manufacturer     TEXT,
          series           TEXT,
          trim             TEXT,
          vehicle_type     TEXT,
          gvwr             TEXT,
          drive_type       TEXT,
          fuel_type        TEXT,
          engine_model     TEXT,
          engine_cylinders INTEGER,
          displacement_l   REAL,
          plant_country    TEXT,
          plant_city       TEXT,
          error_codes      TEXT    NOT NULL DEFAULT '0',
          error_text       TEXT,
          has_errors       INTEGER NOT NULL DEFAULT 0 CHECK (has_errors IN (0, 1)),
          source           TEXT    NOT NULL CHECK (source IN ('vpic', 'offline')),
          decoded_at       TEXT    NOT NULL,
          snapshot_version TEXT,
          raw_json         TEXT    NOT NULL,
          attributes_json  TEXT    NOT NULL DEFAULT '{}',
          created_at       TEXT    NOT NULL,
          updated_at       TEXT    NOT NULL
        );
        CREATE INDEX vehicles_make ON vehicles (make COLLATE NOCASE);
        CREATE INDEX vehicles_model ON vehicles (model COLLATE NOCASE);
        CREATE INDEX vehicles_model_year ON vehicles (model_year);
        CREATE INDEX vehicles_decoded_at ON vehicles (decoded_at);
        CREATE INDEX vehicles_source ON vehicles (source);
      `);
    },
  },
  {
    version: 2,
    description: 'fleet table: sort indexes and trigram search',
    up: (db) => {
      // Numbers from bench/vehicle-list-speed.ts at 100k vehicles. A row
      // holds the whole vPIC record (~3.5 KB), so each table row fills a 4 KB page and anything
      // that walks the table costs 100-150 ms; the fleet table's budget is ~50 ms.
      // - Search (case-insensitive substring of VIN, make or model): `LIKE '%x%'` scans every row
      //   (150-370 ms); an FTS5 trigram index answers 3+ characters from the index (0.3-2 ms),
      //   https://sqlite.org/fts5.html#the_trigram_tokenizer (SQLite >= 3.34). External content:
      //   the text lives once, in `vehicles`; triggers keep the index in step.
      // - 1-2 character searches cannot use trigrams: the (vin, make, model) index lets their LIKE
      //   scan a ~40-byte index entry per vehicle instead of the table (11-20 ms).
      // - An index on id (redundant with the rowid, deliberately): OFFSET paging in id order and
      //   `id IN (search)` counts walk it instead of the table (last page ~110 ms -> ~1.7 ms with rows).
      // - has_errors: the "with errors" filter and its count without a table scan (~120 ms -> 0.1 ms).
      // - body_class and updated_at: sortable columns without an index in migration 1.
      db.exec(`
        CREATE INDEX vehicles_body_class ON vehicles (body_class COLLATE NOCASE);
        CREATE INDEX vehicles_updated_at ON vehicles (updated_at);
        CREATE INDEX vehicles_has_errors ON vehicles (has_errors);
        CREATE INDEX vehicles_id_order ON vehicles (id);
        CREATE INDEX vehicles_search_text ON vehicles (vin, make, model);
        CREATE VIRTUAL TABLE vehicles_search USING fts5(
          vin, make, model,
          content = 'vehicles', content_rowid = 'id',
          tokenize = 'trigram'
        );
        INSERT INTO vehicles_search (vehicles_search) VALUES ('rebuild');
        CREATE TRIGGER vehicles_search_insert AFTER INSERT ON vehicles BEGIN
          INSERT INTO vehicles_search (rowid, vin, make, model) VALUES (new.id, new.vin, new.make, new.model);
        END;
        CREATE TRIGGER vehicles_search_delete AFTER DELETE ON vehicles BEGIN
          INSERT INTO vehicles_search (vehicles_search, rowid, vin, make, model)
            VALUES ('delete', old.id, old.vin, old.make, old.model);
        END;
        -- Only when an indexed value changes: re-decodes and attribute-only updates (re-imports)
        -- leave the index alone.
        CREATE TRIGGER vehicles_search_update AFTER UPDATE OF id, vin, make, model ON vehicles
        WHEN old.id IS NOT new.id OR old.vin IS NOT new.vin OR old.make IS NOT new.make OR old.model IS NOT new.model
        BEGIN
          INSERT INTO vehicles_search (vehicles_search, rowid, vin, make, model)
            VALUES ('delete', old.id, old.vin, old.make, old.model);
          INSERT INTO vehicles_search (rowid, vin, make, model) VALUES (new.id, new.vin, new.make, new.model);
        END;
      `);
    },
  },
  {
    version: 3,
    description: 'import jobs: progress cursor, rejected rows, VINs seen per job',
    up: (db) => {
      // Each chunk of rows commits in one transaction
      // together with the job's counts and `rows_committed` (the data-row cursor), so after a
      // crash a resume skips exactly the committed rows. `import_job_vins` remembers the VINs a
      // job has already handled, so a duplicate is recognised across chunks and resumes.
      db.exec(`
        CREATE TABLE import_jobs (
          id             TEXT    PRIMARY KEY,
          file_path      TEXT    NOT NULL,
          file_name      TEXT    NOT NULL,
          state          TEXT    NOT NULL
                         CHECK (state IN ('queued', 'running', 'interrupted', 'done', 'cancelled', 'failed')),
          options_json   TEXT    NOT NULL DEFAULT '{}',
          total          INTEGER NOT NULL DEFAULT 0,
          added          INTEGER NOT NULL DEFAULT 0,
          updated        INTEGER NOT NULL DEFAULT 0,
          duplicates     INTEGER NOT NULL DEFAULT 0,
          invalid        INTEGER NOT NULL DEFAULT 0,
          failed         INTEGER NOT NULL DEFAULT 0,
          rows_committed INTEGER NOT NULL DEFAULT 0,
          created_at     TEXT    NOT NULL,
          updated_at     TEXT    NOT NULL,
          finished_at    TEXT,
          error_code     TEXT,
          error_message  TEXT
        );
        CREATE INDEX import_jobs_created_at ON import_jobs (created_at);
        CREATE TABLE import_rejects (
          job_id TEXT    NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
          row    INTEGER NOT NULL,
          value  TEXT    NOT NULL,
          code   TEXT    NOT NULL,
          reason TEXT    NOT NULL,
          kind   TEXT    NOT NULL CHECK (kind IN ('invalid', 'failed')),
          PRIMARY KEY (job_id, row)
        ) WITHOUT ROWID;
        CREATE TABLE import_job_vins (
          job_id TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
          vin    TEXT NOT NULL,
          PRIMARY KEY (job_id, vin)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 4,
    description: 'import jobs: owning process and heartbeat; file attributes of failed rows',
    up: (db) => {
      // Job ownership: a job is `running`/`queued` in ONE process (pid + a random id per process,
      // since pids are reused); its `updated_at` is the heartbeat. A process starting up marks a
      // job `interrupted` only when that owner is gone or silent, not merely because it is
      // another process (a `vinlookup jobs` next to the running app must not break its import).
      // `attributes_json` keeps a failed row's other columns so "retry failed" stores them too.
      db.exec(`
        ALTER TABLE import_jobs ADD COLUMN owner_pid INTEGER;
        ALTER TABLE import_jobs ADD COLUMN owner_instance TEXT;
        ALTER TABLE import_rejects ADD COLUMN attributes_json TEXT NOT NULL DEFAULT '{}';
      `);
    },
  },
  {
    version: 5,
    description: 'import jobs: how many vehicles were decoded offline',
    up: (db) => {
      // An import while vPIC is down stores offline decodes (partial data); the job says how many.
      db.exec('ALTER TABLE import_jobs ADD COLUMN offline INTEGER NOT NULL DEFAULT 0;');
    },
  },
  {
    version: 6,
    description: 'recalls cache per make/model/year; covering index for the fleet overview',
    up: (db) => {
      // NHTSA's recalls API answers per make, model and model year, so its answers are cached
      // per combination (one request serves every vehicle of that model), with the fetch time
      // that decides when to ask again. make/model compare NOCASE, like the fleet table's make
      // filter, so "Ford" and "FORD" share one answer. The counts are kept beside the JSON so
      // the table can sort and filter by them in SQL.
      // vehicles_overview holds every column the overview groups by (and the recall join's
      // key), so its counts and the recall column's sort and filters walk this narrow index
      // instead of the ~4 KB table rows.
      db.exec(`
        CREATE TABLE recall_models (
          make             TEXT    NOT NULL COLLATE NOCASE,
          model            TEXT    NOT NULL COLLATE NOCASE,
          model_year       INTEGER NOT NULL,
          status           TEXT    NOT NULL CHECK (status IN ('found', 'none', 'no-data')),
          campaign_count   INTEGER NOT NULL DEFAULT 0,
          park_count       INTEGER NOT NULL DEFAULT 0,
          campaign_numbers TEXT    NOT NULL DEFAULT '',
          campaigns_json   TEXT    NOT NULL DEFAULT '[]',
          fetched_at       TEXT    NOT NULL,
          PRIMARY KEY (make, model, model_year)
        ) WITHOUT ROWID;
        CREATE INDEX vehicles_overview ON vehicles (
          make COLLATE NOCASE, model COLLATE NOCASE, model_year,
          body_class, vehicle_type, gvwr, source, has_errors, error_codes
        );
      `);
    },
  },
  {
    version: 7,
    description: 'standard fleet fields as columns; search over every word in decode and fleet fields',
    up: (db) => {
      // Fleet files name the same thing differently (`Unit`, `unit_number`, `Einheit`): stored as
      // attributes under each file's header they could not be sorted or searched as one column.
      // Standard fields become real columns; stored attributes move into the field their header
      // means (the same synonym rules imports use), the rest stay custom attributes.
      db.exec(`
        ALTER TABLE vehicles ADD COLUMN unit_number TEXT;
        ALTER TABLE vehicles ADD COLUMN plate TEXT;
        ALTER TABLE vehicles ADD COLUMN plate_region TEXT;
        ALTER TABLE vehicles ADD COLUMN department TEXT;
        ALTER TABLE vehicles ADD COLUMN driver TEXT;
        ALTER TABLE vehicles ADD COLUMN odometer INTEGER;
        ALTER TABLE vehicles ADD COLUMN in_service_date TEXT;
        ALTER TABLE vehicles ADD COLUMN notes TEXT;
        -- NOCASE like the other text sorts, so ORDER BY and prefix LIKE walk the index.
        CREATE INDEX vehicles_unit_number ON vehicles (unit_number COLLATE NOCASE);
        CREATE INDEX vehicles_plate ON vehicles (plate COLLATE NOCASE);
        CREATE INDEX vehicles_department ON vehicles (department COLLATE NOCASE);
        -- The column mapping the user confirmed, per set of file headers (see column-mapping.ts).
        CREATE TABLE column_mappings (
          signature    TEXT PRIMARY KEY,
          mapping_json TEXT NOT NULL,
          updated_at   TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
      const rows = db.prepare<[], { id: number; attributes_json: string }>(
        "SELECT id, attributes_json FROM vehicles WHERE attributes_json <> '{}'",
      );
      const update = db.prepare(
        `UPDATE vehicles SET ${FLEET_COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, attributes_json = @attributes_json WHERE id = @id`,
      );
      for (const row of rows.all()) {
        let attributes: Record<string, string>;
        try {
          attributes = JSON.parse(row.attributes_json) as Record<string, string>;
        } catch {
          continue; // A damaged cell stays as it is; reading the vehicle reports it.
        }
        const params = fleetColumnParams(attributes);
        if (params.hasFields) update.run({ ...params.columns, attributes_json: params.customJson, id: row.id });
      }
      // The search index now covers every column a user may type a word of. Trigram FTS answers
      // any substring of 3+ characters from the index; the update trigger fires only when an
      // indexed value changes, so a re-decode with the same names leaves the index alone.
      const cols = SEARCH_COLUMNS.join(', ');
      const news = SEARCH_COLUMNS.map((c) => `new.${c}`).join(', ');
      const olds = SEARCH_COLUMNS.map((c) => `old.${c}`).join(', ');
      const changed = SEARCH_COLUMNS.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
      db.exec(`
        DROP TRIGGER vehicles_search_insert;
        DROP TRIGGER vehicles_search_delete;
        DROP TRIGGER vehicles_search_update;
        DROP TABLE vehicles_search;
        CREATE VIRTUAL TABLE vehicles_search USING fts5(
          ${cols},
          content = 'vehicles', content_rowid = 'id',
          tokenize = 'trigram'
        );
        INSERT INTO vehicles_search (vehicles_search) VALUES ('rebuild');
        CREATE TRIGGER vehicles_search_insert AFTER INSERT ON vehicles BEGIN
          INSERT INTO vehicles_search (rowid, ${cols}) VALUES (new.id, ${news});
        END;
        CREATE TRIGGER vehicles_search_delete AFTER DELETE ON vehicles BEGIN
          INSERT INTO vehicles_search (vehicles_search, rowid, ${cols}) VALUES ('delete', old.id, ${olds});
        END;
        CREATE TRIGGER vehicles_search_update AFTER UPDATE OF id, ${cols} ON vehicles
        WHEN old.id IS NOT new.id OR ${changed}
        BEGIN
          INSERT INTO vehicles_search (vehicles_search, rowid, ${cols}) VALUES ('delete', old.id, ${olds});
          INSERT INTO vehicles_search (rowid, ${cols}) VALUES (new.id, ${news});
        END;
      `);
    },
  },
  {
    version: 8,
    description: 'import jobs: the owning host',
    up: (db) => {
      // Several machines may share one fleet store: another machine's pid says nothing here, so a
      // job's pid is only probed when its owner runs on this host (see import/job-ownership.ts).
      db.exec('ALTER TABLE import_jobs ADD COLUMN owner_host TEXT;');
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `The database was written by a newer version of Fleet VIN Lookup (schema ${found}; this version understands up to ${supported}). ` +
        'Update the app, or move the database file aside to start fresh.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Bring `db` up to `target` (default: latest). Returns the versions applied.
 *
 * Several processes may open a fresh file at the same moment (the app and a `vinlookup`, or three
 * CLI imports): each migration runs in a BEGIN IMMEDIATE transaction that reads the version again
 * once it holds the write lock, so a migration another process has just applied is skipped
 * instead of failing ("index already exists"). An up-to-date database takes no write lock.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target = LATEST_VERSION): number[] {
  const supported = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const currentVersion = (): number => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > supported) throw new DatabaseTooNewError(current, supported);
    return current;
  };
  const first = currentVersion();
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= first || migration.version > target) continue;
    const ran = writeTransaction(db, () => {
      if (migration.version <= currentVersion()) return false;
      migration.up(db);
      // PRAGMA inside the transaction: the bump commits or rolls back with the schema change.
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
