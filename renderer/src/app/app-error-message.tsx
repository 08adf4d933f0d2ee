/**
 * An error from the contract, shown as sentences saying what went wrong and what to do.
 *
 * Never a blank screen: every failed call ends up here. The code stays, small and labelled, for
 * support to search for; it is never the message.
 */
import type { AppError } from '../../../shared/ipc/result';
import { describeError } from './error-text';

export function AppErrorMessage(props: { readonly error: AppError; readonly prefix?: string }): React.JSX.Element {
  const { error, prefix } = props;
  return (
    <p className="app-error" role="alert">
      {prefix ? `${prefix}: ` : ''}
      {describeError(error)}{' '}
      <code className="app-error-code" title="Error code, for support">
        {error.code}
      </code>
    </p>
  );
}

/** Turn a thrown value (a failed fetch, a bug) into the same shape as a contract error. */
export function toAppError(error: unknown): AppError {
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
