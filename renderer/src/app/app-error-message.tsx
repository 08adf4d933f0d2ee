/**
 * An error from the contract, shown as a readable sentence with its code.
 *
 * Never a blank screen: every failed call ends up here with the code support can search for.
 */
import type { AppError } from '../../../shared/ipc/result';

export function AppErrorMessage(props: { readonly error: AppError; readonly prefix?: string }): React.JSX.Element {
  const { error, prefix } = props;
  return (
    <p className="app-error" role="alert">
      {prefix ? `${prefix}: ` : ''}
      {error.message} <code className="app-error-code">{error.code}</code>
    </p>
  );
}

/** Turn a thrown value (a failed fetch, a bug) into the same shape as a contract error. */
export function toAppError(error: unknown): AppError {
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
