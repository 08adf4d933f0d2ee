/// <reference types="vite/client" />
import type { ContractApi } from '../../shared/ipc/api';
import type { RegisteredFiles } from '../../shared/ipc/file-path';
import type { Result } from '../../shared/ipc/result';

declare global {
  interface Window {
    /** The contract's API, exposed by the preload (or the e2e web bridge). */
    readonly fleet: ContractApi;
    readonly fleetFiles: {
      /**
       * Register dropped (or picked) files with main: grants for those that are files on disk,
       * the others listed as refused. The page never sees or sends a path.
       */
      registerDroppedFiles(files: readonly File[]): Promise<Result<RegisteredFiles>>;
    };
  }
}
