/**
 * The start-up prompt for a team database the app cannot reach: say which server and why, and
 * offer the ways on — try again (the server may be restarting), work on this computer's own
 * database for this session, or quit. Nothing is changed on either database by asking.
 */
import { dialog } from 'electron';
import type { Logger } from '../core/logging/logger';

export type TeamServerChoice = 'retry' | 'local' | 'quit';

const BUTTONS: readonly { label: string; choice: TeamServerChoice }[] = [
  { label: 'Try Again', choice: 'retry' },
  { label: "Use This Computer's Database", choice: 'local' },
  { label: 'Quit', choice: 'quit' },
];

export function askTeamServerUnreachable(error: unknown, server: string, logger: Logger): TeamServerChoice {
  const reason = error instanceof Error ? error.message : String(error);
  const index = dialog.showMessageBoxSync({
    type: 'warning',
    title: 'Team database unavailable',
    message: `The team database (${server}) cannot be used right now.`,
    detail: `${reason}\n\n"Use This Computer's Database" opens the fleet stored on this computer for this session; the team's fleet is not changed. The next start tries the team database again.`,
    buttons: BUTTONS.map((b) => b.label),
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  });
  const choice = BUTTONS[index]?.choice ?? 'quit';
  logger.info({ teamServer: { server, choice } }, 'team database unavailable at start');
  return choice;
}
