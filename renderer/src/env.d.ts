/// <reference types="vite/client" />
import type { ContractApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    /** The contract's API, exposed by the preload (or the e2e web bridge). */
    readonly fleet: ContractApi;
    readonly fleetFiles: {
      /** Absolute path of a dropped file ('' when it has none). */
      pathForFile(file: File): Promise<string>;
    };
  }
}
