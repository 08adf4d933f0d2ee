/**
 * Registering dropped files with main: the one way a dropped (or page-picked) file gets a grant.
 *
 * The page hands over `File` objects, never paths. The preload resolves each with
 * `webUtils.getPathForFile` (Electron 32 removed `File.path`) and sends the paths to main
 * itself. A `File` the page built from bytes has no path ('' ), and anything that is not a `File`
 * makes webUtils throw, so page script cannot get a grant for a path it names: only files that
 * came from the OS (a drop, the file picker) have one.
 */
import { MAX_DROPPED_FILES } from '../../shared/import/import-channels';
import type { RefusedFile, RegisteredFiles } from '../../shared/ipc/file-path';
import { fail, ok, type Result } from '../../shared/ipc/result';

export interface DroppedFilesDeps {
  /** `webUtils.getPathForFile`. */
  readonly pathForFile: (file: File) => string;
  /** Send the resolved paths to main (REGISTER_DROPPED_FILES_CHANNEL) and return its answer. */
  readonly register: (paths: readonly string[]) => Promise<unknown>;
}

function nameOf(item: unknown): string {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : 'item';
}

export function createDroppedFilesRegistrar(deps: DroppedFilesDeps): (files: unknown) => Promise<Result<RegisteredFiles>> {
  return async (files) => {
    if (!Array.isArray(files)) return fail('INVALID_INPUT', 'Pass the dropped File objects as an array.');
    if (files.length > MAX_DROPPED_FILES) {
      return fail('INVALID_INPUT', `At most ${MAX_DROPPED_FILES} files can be imported at once; drop fewer.`);
    }
    const paths: string[] = [];
    const refused: RefusedFile[] = [];
    for (const item of files as unknown[]) {
      let resolved: unknown = '';
      try {
        resolved = deps.pathForFile(item as File);
      } catch {
        resolved = '';
      }
      if (typeof resolved === 'string' && resolved !== '') paths.push(resolved);
      else refused.push({ fileName: nameOf(item), message: 'This item is not a file on disk (a folder, a web link or text?): drop the file itself.' });
    }
    if (paths.length === 0) return ok({ files: [], refused });
    const answer = (await deps.register(paths)) as Result<RegisteredFiles>;
    if (!answer.ok) return answer;
    return ok({ files: answer.value.files, refused: [...refused, ...answer.value.refused] });
  };
}
