import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCorgiAdapter } from './corgi-adapter';

function sampleDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE Make (Id INTEGER, Name TEXT);
           INSERT INTO Make VALUES (1, 'Peterbilt'), (2, 'Kenworth'), (3, 'Volvo Truck');`);
  return db;
}

describe('corgi adapter over better-sqlite3', () => {
  it("answers exec with corgi's columns + row arrays shape", async () => {
    const adapter = createCorgiAdapter(sampleDb());
    const [result] = await adapter.exec('SELECT Id, Name FROM Make WHERE Id >= ? ORDER BY Id', [2]);
    expect(result).toEqual({ columns: ['Id', 'Name'], values: [[2, 'Kenworth'], [3, 'Volvo Truck']] });
    const [none] = await adapter.exec('SELECT Id, Name FROM Make WHERE Id = ?', [99]);
    expect(none).toEqual({ columns: ['Id', 'Name'], values: [] });
    await adapter.close();
  });

  it('prepares each SQL text once', async () => {
    const adapter = createCorgiAdapter(sampleDb());
    for (const id of [1, 2, 3, 1]) await adapter.exec('SELECT Name FROM Make WHERE Id = ?', [id]);
    await adapter.exec('SELECT count(*) AS n FROM Make');
    expect(adapter.preparedCount).toBe(2);
    await adapter.close();
  });

  it('closes the handle it was given', async () => {
    const db = sampleDb();
    await createCorgiAdapter(db).close();
    expect(db.open).toBe(false);
  });
});
