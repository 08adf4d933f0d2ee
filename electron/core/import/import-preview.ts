/**
 * `import:preview`: the layout of a file before anything is stored (issue 6 §2, "when unsure,
 * a preview lets the user pick the column").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportPreview } from '../../../shared/import/import-contract';
import { AppFailure } from '../ipc/app-failure';
import { detectLayout } from './csv-layout';
import { openImportSource } from './import-source';
import { isEncryptedPath, type Decryption } from './openpgp-file';
import type { SheetChoice } from './xlsx-rows';

export async function previewImport(file: string, decryption?: Decryption, sheet?: SheetChoice): Promise<ImportPreview> {
  const encrypted = isEncryptedPath(file);
  let sizeBytes: number;
  try {
    sizeBytes = (await fs.promises.stat(file)).size;
  } catch (error) {
    throw new AppFailure('FILE_ERROR', `The file ${file} cannot be read: ${(error as Error).message}`);
  }
  const base = { path: file, fileName: path.basename(file), encrypted, sizeBytes };
  if (encrypted && !decryption) {
    return {
      ...base,
      needsPassphrase: true,
      delimiter: ',',
      hasHeader: false,
      columns: [],
      sampleRows: [],
      detectedVinColumn: null,
      confident: false,
    };
  }
  const source = await openImportSource(file, decryption, sheet);
  const layout = detectLayout(source.head, source.headIsAll);
  return {
    ...base,
    needsPassphrase: false,
    delimiter: layout.delimiter,
    hasHeader: layout.hasHeader,
    columns: layout.columns,
    sampleRows: layout.sampleRows,
    detectedVinColumn: layout.detectedVinColumn,
    confident: layout.confident,
  };
}
