/**
 * `import:preview`: the layout of a file before anything is stored (when unsure, a preview lets
 * the user pick the column), and the text encoding it was read in.
 */
import path from 'node:path';
import type { ImportPreview } from '../../../shared/import/import-contract';
import { detectLayout } from './csv-layout';
import { openImportSource } from './import-source';
import { isEncryptedPath, type Decryption } from './openpgp-file';
import { openRegularFile } from './regular-file';
import type { SheetChoice } from './xlsx-rows';

/** A preview as the core makes it; the IPC handler adds the grant it was asked for. */
export type FilePreview = Omit<ImportPreview, 'grantId'>;

export async function previewImport(file: string, decryption?: Decryption, sheet?: SheetChoice): Promise<FilePreview> {
  const encrypted = isEncryptedPath(file);
  const { handle, stat } = await openRegularFile(file);
  await handle.close();
  const base = { fileName: path.basename(file), encrypted, sizeBytes: stat.size };
  if (encrypted && !decryption) {
    return {
      ...base,
      needsPassphrase: true,
      encoding: null,
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
    encoding: source.encoding,
    delimiter: layout.delimiter,
    hasHeader: layout.hasHeader,
    columns: layout.columns,
    sampleRows: layout.sampleRows,
    detectedVinColumn: layout.detectedVinColumn,
    confident: layout.confident,
  };
}
