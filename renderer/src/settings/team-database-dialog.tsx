/**
 * Settings › Team database: point this desk at the team's PostgreSQL server, or back at the
 * database on this computer.
 *
 * The form is checked with the contract's own schema before anything is sent. The password field
 * starts empty every time, whatever is saved: main keeps the password (encrypted by the OS) and
 * only says whether one is saved; left empty, the saved one is used for the same server and user.
 * The storage is chosen at start-up, so a saved change says that a restart switches over.
 */
import { useEffect, useId, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import {
  DEFAULT_POSTGRES_PORT,
  SSL_MODE_LABELS,
  SSL_MODES,
  STORAGE_OVERRIDE_LABELS,
  teamDatabaseFormSchema,
  type SslMode,
  type TeamDatabaseForm,
  type TeamDatabaseSettings,
} from '../../../shared/settings/team-database-contract';
import { ModalDialog } from '../import/modal-dialog';
import './team-database-dialog.css';

export interface TeamDatabaseDialogProps {
  readonly onClose: () => void;
}

interface FormFields {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode;
}

type FieldName = keyof FormFields;

/** Encrypted, without trusting every certificate's name by default (a team server's certificate is often internal). */
const DEFAULT_SSL_MODE: SslMode = 'require';

const EMPTY_FIELDS: FormFields = { host: '', port: String(DEFAULT_POSTGRES_PORT), database: '', user: '', password: '', sslmode: DEFAULT_SSL_MODE };

/** What the page shows after an action: one sentence, good or bad. */
interface Outcome {
  readonly ok: boolean;
  readonly message: string;
  readonly code?: string;
}

function thrownError(thrown: unknown): AppError {
  return { code: 'INTERNAL', message: thrown instanceof Error ? thrown.message : String(thrown) };
}

/** The form as the contract wants it, or the first problem of each field. */
export function parseForm(fields: FormFields): { form: TeamDatabaseForm; errors: null } | { form: null; errors: Partial<Record<FieldName, string>> } {
  const port = fields.port.trim() === '' ? Number.NaN : Number(fields.port.trim());
  const parsed = teamDatabaseFormSchema.safeParse({
    host: fields.host,
    port,
    database: fields.database,
    user: fields.user,
    sslmode: fields.sslmode,
    ...(fields.password === '' ? {} : { password: fields.password }),
  });
  if (parsed.success) return { form: parsed.data, errors: null };
  const errors: Partial<Record<FieldName, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as FieldName | undefined;
    if (field === undefined || errors[field] !== undefined) continue;
    errors[field] = field === 'port' ? 'Enter a port number from 1 to 65535.' : issue.message;
  }
  return { form: null, errors };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function savedChoice(settings: TeamDatabaseSettings): string {
  if (settings.mode === 'local' || settings.server === null) return 'Saved choice: the database on this computer.';
  const { host, port, database } = settings.server;
  return `Saved choice: the team database "${database}" at ${host.includes(':') ? `[${host}]` : host}:${port}.`;
}

export function TeamDatabaseDialog(props: TeamDatabaseDialogProps): React.JSX.Element {
  const { onClose } = props;
  const [settings, setSettings] = useState<TeamDatabaseSettings | null>(null);
  const [fields, setFields] = useState<FormFields>(EMPTY_FIELDS);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState<'test' | 'save' | 'local' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const baseId = useId();
  const idOf = (field: FieldName): string => `${baseId}-${field}`;

  useEffect(() => {
    let live = true;
    window.fleet.settingsTeamDatabase({}).then(
      (result) => {
        if (!live) return;
        if (!result.ok) {
          setOutcome({ ok: false, message: result.error.message, code: result.error.code });
          return;
        }
        setSettings(result.value);
        const server = result.value.server;
        // Never the password: main does not send it, and the field is never filled in.
        if (server) setFields({ ...server, port: String(server.port), password: '' });
      },
      (thrown: unknown) => live && setOutcome({ ok: false, ...thrownError(thrown) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const change = (field: FieldName) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = event.target.value;
    setFields((old) => ({ ...old, [field]: value }));
    setErrors((old) => ({ ...old, [field]: undefined }));
  };

  const checkedForm = (): TeamDatabaseForm | null => {
    const parsed = parseForm(fields);
    setErrors(parsed.errors ?? {});
    if (parsed.errors) {
      setOutcome(null);
      document.getElementById(idOf(Object.keys(parsed.errors)[0] as FieldName))?.focus();
    }
    return parsed.form;
  };

  const testConnection = async (): Promise<void> => {
    const form = checkedForm();
    if (!form) return;
    setBusy('test');
    setOutcome(null);
    try {
      const result = await window.fleet.settingsTestTeamDatabase(form);
      if (result.ok) setOutcome({ ok: result.value.connected, message: result.value.message });
      else setOutcome({ ok: false, message: result.error.message, code: result.error.code });
    } catch (thrown) {
      setOutcome({ ok: false, ...thrownError(thrown) });
    } finally {
      setBusy(null);
    }
  };

  const save = async (): Promise<void> => {
    const form = checkedForm();
    if (!form) return;
    setBusy('save');
    setOutcome(null);
    try {
      const result = await window.fleet.settingsSaveTeamDatabase(form);
      if (result.ok) {
        setSettings(result.value.settings);
        setFields((old) => ({ ...old, password: '' }));
        setOutcome({ ok: true, message: result.value.message });
      } else setOutcome({ ok: false, message: result.error.message, code: result.error.code });
    } catch (thrown) {
      setOutcome({ ok: false, ...thrownError(thrown) });
    } finally {
      setBusy(null);
    }
  };

  const switchToLocal = async (): Promise<void> => {
    setBusy('local');
    setOutcome(null);
    try {
      const result = await window.fleet.settingsUseLocalDatabase({});
      if (result.ok) {
        setSettings(result.value.settings);
        setFields((old) => ({ ...old, password: '' }));
        setErrors({});
        setOutcome({ ok: true, message: result.value.message });
      } else setOutcome({ ok: false, message: result.error.message, code: result.error.code });
    } catch (thrown) {
      setOutcome({ ok: false, ...thrownError(thrown) });
    } finally {
      setBusy(null);
    }
  };

  const field = (
    name: Exclude<FieldName, 'sslmode'>,
    label: string,
    input: React.InputHTMLAttributes<HTMLInputElement>,
    focusFirst = false,
  ): React.JSX.Element => (
    <>
      <label htmlFor={idOf(name)}>{label}</label>
      <input
        id={idOf(name)}
        className="input"
        type="text"
        spellCheck={false}
        autoCapitalize="off"
        value={fields[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${idOf(name)}-error` : undefined}
        onChange={change(name)}
        data-autofocus={focusFirst || undefined}
        {...input}
      />
      {errors[name] && (
        <p id={`${idOf(name)}-error`} className="team-db-field-error">
          {errors[name]}
        </p>
      )}
    </>
  );

  const passwordSaved = settings?.passwordSaved === true;
  const noSecretStore = settings !== null && !settings.secretStorageAvailable;
  return (
    <ModalDialog title="Team database" onClose={onClose} className="team-db-dialog" describedBy={`${baseId}-about`}>
      <form
        className="import-form"
        aria-busy={busy !== null}
        onSubmit={(event) => {
          event.preventDefault();
          if (busy === null) void save();
        }}
      >
        <p id={`${baseId}-about`} className="import-muted">
          A team shares one fleet on a PostgreSQL server. The password is kept encrypted by this computer’s system keychain and
          is never shown again. The app switches databases when it starts again.
        </p>
        {settings && <p>{savedChoice(settings)}</p>}
        {settings?.overriddenBy && (
          <p className="import-warning" role="alert">
            {capitalize(STORAGE_OVERRIDE_LABELS[settings.overriddenBy])} decides which database this app uses; what is saved here applies
            once it is removed.
          </p>
        )}
        {noSecretStore && (
          <p className="import-warning" role="alert">
            This system offers no secure storage for passwords, so only a server that needs no password can be saved here.
          </p>
        )}
        <div className="team-db-fields">
          {field('host', 'Host', { placeholder: 'db.example.com', autoComplete: 'off' }, true)}
          {field('port', 'Port', { inputMode: 'numeric', className: 'input team-db-port', autoComplete: 'off' })}
          {field('database', 'Database', { placeholder: 'fleet', autoComplete: 'off' })}
          {field('user', 'User', { autoComplete: 'username' })}
          {field('password', 'Password', {
            type: 'password',
            // "new-password": browsers must not fill a remembered password in either.
            autoComplete: 'new-password',
            placeholder: passwordSaved ? 'Saved (leave empty to keep it)' : '',
          })}
          <label htmlFor={idOf('sslmode')}>TLS</label>
          <select id={idOf('sslmode')} className="input" value={fields.sslmode} onChange={change('sslmode')}>
            {SSL_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {SSL_MODE_LABELS[mode]}
              </option>
            ))}
          </select>
        </div>
        <div aria-live="polite">
          {busy === 'test' && <p className="team-db-result">Testing the connection…</p>}
          {outcome && (
            <p className={`team-db-result ${outcome.ok ? 'is-ok' : 'is-failed'}`} role={outcome.ok ? 'status' : 'alert'}>
              {outcome.message} {outcome.code && <code className="app-error-code">{outcome.code}</code>}
            </p>
          )}
        </div>
        <div className="import-dialog-buttons">
          <button type="button" className="button" disabled={busy !== null || settings?.mode === 'local'} onClick={() => void switchToLocal()}>
            Use this computer only
          </button>
          <span className="import-spacer" />
          <button type="button" className="button" disabled={busy !== null} onClick={() => void testConnection()}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="button-primary" disabled={busy !== null}>
            Save
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
