/**
 * Every error code in words: what went wrong and what the user can do, in one place.
 *
 * Main's messages say what is wrong; the advice here adds the next step, so no part of the window
 * ever shows a bare code like FILE_ERROR. The code itself stays available for support.
 */
import type { AppError, ErrorCode } from '../../../shared/ipc/result';

interface CodeText {
  /** Said when the message is empty. */
  readonly what: string;
  /** The next step. */
  readonly todo: string;
}

const CODE_TEXT: Readonly<Record<ErrorCode, CodeText>> = {
  INVALID_INPUT: { what: 'The app could not accept that value.', todo: 'Check the value and try again.' },
  NOT_FOUND: { what: 'That item no longer exists.', todo: 'It may have been removed meanwhile: refresh the table (F5) and try again.' },
  DECODE_FAILED: {
    what: 'The VIN could not be decoded.',
    todo: 'vPIC is unreachable and the offline snapshot could not decode it either: try again when the network is back.',
  },
  STORAGE_ERROR: {
    what: 'The fleet database could not be read or written.',
    todo: 'Check that the data folder is writable and the disk has free space, then try again.',
  },
  FILE_ERROR: {
    what: 'The file could not be read or written.',
    todo: 'Check that it exists, that you may read or write it, and that no other program has it open, then try again.',
  },
  FILE_CHANGED: {
    what: 'The file changed since this import started, so resuming it could skip or repeat rows.',
    todo: 'Import it again as a new job: rows already stored are updated, not duplicated.',
  },
  DECRYPT_FAILED: { what: 'The file could not be decrypted.', todo: 'Check the OpenPGP key and its passphrase, then try again.' },
  CANCELLED: { what: 'Cancelled.', todo: 'Nothing was changed.' },
  FORBIDDEN: { what: 'The request was refused.', todo: 'Restart the app; if it happens again, report it.' },
  INTERNAL: {
    what: 'Something went wrong inside the app.',
    todo: 'Try again; if it keeps happening, send the log files (Help › Open Logs Folder) to support.',
  },
};

function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  // No capitalising: messages may start with a name such as "vPIC".
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The error as sentences: what went wrong (main's message), then what to do. */
export function describeError(error: Pick<AppError, 'code' | 'message'>): string {
  const text = CODE_TEXT[error.code] ?? CODE_TEXT.INTERNAL;
  const what = asSentence(error.message) || text.what;
  return `${what} ${text.todo}`;
}
