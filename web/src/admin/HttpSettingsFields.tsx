import { useState } from 'react';
import { Field } from './form';
import { METHODS, type HttpDraft, type Method } from './httpRules';
import { errorFor, type FieldErrors } from './rules';

/** The request an HTTP check sends and what it must find in the answer, folded away until
 *  needed (open when a field in it has an error). */
export function HttpSettingsFields({
  draft,
  errors,
  onChange,
}: {
  draft: HttpDraft;
  errors: FieldErrors;
  onChange: (next: HttpDraft) => void;
}) {
  const set = <K extends keyof HttpDraft>(key: K, value: HttpDraft[K]) => {
    onChange({ ...draft, [key]: value });
  };
  const hasError = Object.keys(errors).some((k) => k.startsWith('http/') && k !== 'http/accepted_status');
  const [open, setOpen] = useState(false);
  return (
    <details
      className="advanced"
      open={open || hasError}
      onToggle={(e) => { setOpen(e.currentTarget.open); }}
    >
      <summary>Request and assertions</summary>
      <div className="stack">
        <div className="form-row">
          <Field label="Method" error={errors['http/method']}>
            {(p) => (
              <select {...p} value={draft.method} onChange={(e) => { set('method', e.target.value as Method); }}>
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Max redirects" error={errors['http/max_redirects']} help="0 to 10.">
            {(p) => <input {...p} type="number" min={0} max={10} value={draft.max_redirects} onChange={(e) => { set('max_redirects', e.target.value); }} />}
          </Field>
        </div>
        <Field
          label="Headers"
          error={errorFor(errors, 'http/headers')}
          help="One “Name: value” per line. Secrets (Authorization, Cookie, …) read back as <redacted>; leave that to keep the stored value."
        >
          {(p) => <textarea {...p} rows={3} className="mono" value={draft.headers} onChange={(e) => { set('headers', e.target.value); }} />}
        </Field>
        <Field label="Request body" error={errors['http/body']}>
          {(p) => <textarea {...p} rows={3} className="mono" value={draft.body} onChange={(e) => { set('body', e.target.value); }} />}
        </Field>
        <Field label="Body must contain" error={errors['http/body_contains']} help="Text the answer (its first MiB) must contain.">
          {(p) => <input {...p} value={draft.body_contains} onChange={(e) => { set('body_contains', e.target.value); }} />}
        </Field>
        <div className="form-row">
          <Field label="JSON pointer" error={errors['http/json_pointer']} help="RFC 6901, e.g. /status.">
            {(p) => <input {...p} className="mono" value={draft.json_pointer} onChange={(e) => { set('json_pointer', e.target.value); }} />}
          </Field>
          <Field label="Must equal (JSON)" error={errors['http/json_equals']} help={'Compared as JSON: "ok", 1, true.'}>
            {(p) => <input {...p} className="mono" value={draft.json_equals} onChange={(e) => { set('json_equals', e.target.value); }} />}
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={draft.tls_verify} onChange={(e) => { set('tls_verify', e.target.checked); }} />
          Verify the certificate (chain and host name)
        </label>
      </div>
    </details>
  );
}
