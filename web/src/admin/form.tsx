// The pieces every console form is made of: labelled fields whose errors are announced and
// tied to the input (aria-describedby), the 412 notice, and the save flow that puts a 422's
// errors on the fields they name.
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { FieldErrors } from './rules';

export function Field({
  label,
  error,
  help,
  children,
}: {
  label: string;
  error?: string | undefined;
  help?: string | undefined;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {help && (
        <span id={`${id}-help`} className="muted">
          {help}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** What a failed save means for the form. */
export interface SaveFailure {
  fields: FieldErrors; // 422 (and 409 on a field): shown on the fields
  conflict: boolean; // 412: someone else saved first
  message: string | null; // anything else, shown above the buttons
}

export function failureOf(error: unknown): SaveFailure {
  if (error instanceof ApiError) {
    if (error.status === 422) {
      return { fields: error.fieldErrors, conflict: false, message: 'Some fields need attention.' };
    }
    if (error.status === 409 && error.problem?.field) {
      return { fields: { [error.problem.field]: error.message }, conflict: false, message: error.message };
    }
    if (error.status === 412) {
      return { fields: {}, conflict: true, message: null };
    }
    return { fields: {}, conflict: false, message: error.message };
  }
  return { fields: {}, conflict: false, message: error instanceof Error ? error.message : 'Saving failed.' };
}

/** The save flow of every console form: the client's rules first (`found`: nothing is sent
 *  while a field breaks one), then `action`; its failure lands on the fields it names. */
export function useSave() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(found: FieldErrors, action: () => Promise<void>): Promise<void> {
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      setFailure({ fields: found, conflict: false, message: 'Some fields need attention.' });
      return;
    }
    setBusy(true);
    try {
      await action();
    } catch (e) {
      const f = failureOf(e);
      setErrors(f.fields);
      setFailure(f);
    } finally {
      setBusy(false);
    }
  }
  return { errors, failure, busy, run };
}

/** The 412 answer: the item changed since it was opened; offer to load the saved version. */
export function ConflictNotice({ what, onReload }: { what: string; onReload: () => void }) {
  return (
    <div className="notice warning" role="alert">
      <p>
        Someone else saved this {what} after you opened it, so your changes were not saved (they
        would have overwritten theirs). Reload to see the saved version, then make your changes
        again.
      </p>
      <button type="button" className="button" onClick={onReload}>
        Reload the saved version
      </button>
    </div>
  );
}

export function FormMessage({ failure }: { failure: SaveFailure | null }) {
  if (!failure?.message) {
    return null;
  }
  return (
    <p className="notice error" role="alert">
      {failure.message}
    </p>
  );
}
