/** Handlers of the `app:*` channels. */
import type { AppInfo } from '../../../shared/ipc/app-info';
import type { Handler } from '../ipc/dispatch';

export interface AppHandlerDeps {
  readonly info: () => AppInfo;
}

export function createAppHandlers(deps: AppHandlerDeps): { 'app:info': Handler<'app:info'> } {
  return {
    'app:info': () => deps.info(),
  };
}
