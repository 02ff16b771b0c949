import qrcode from 'qrcode-generator';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { ApiError, request } from '../api/client';
import { session } from '../api/session';
import { useTitle } from '../lib/useTitle';

interface Enrollment {
  secret: string;
  otpauth_uri: string;
}

interface Confirmed {
  access_token: string;
  expires_in: number;
  recovery_codes: string[];
}

/** The otpauth:// URI as a QR code, drawn here (an SVG data URL): the secret never leaves
 *  the browser for a third-party QR service. */
function qrDataUrl(uri: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(uri);
  qr.make();
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true }))}`;
}

/** Setting up the second factor: scan, type a code, save the recovery codes. */
export function MfaEnroll({ required, onDone }: { required: boolean; onDone: () => void }) {
  useTitle('Set up two-factor authentication');
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    request<Enrollment>('/api/v1/auth/mfa/enroll', { method: 'POST' })
      .then(({ data }) => {
        if (live) setEnrollment(data);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : 'Could not start the set-up.');
      });
    return () => {
      live = false;
    };
  }, []);

  async function confirm(event: SyntheticEvent) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await request<Confirmed>('/api/v1/auth/mfa/confirm', {
        method: 'POST',
        body: { code: code.trim() },
      });
      session.accept(data);
      setCodes(data.recovery_codes);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'That code is not valid; try the current one.' : String(e));
    }
  }

  if (codes) {
    return (
      <section className="card stack" aria-labelledby="codes-heading">
        <h1 id="codes-heading">Save your recovery codes</h1>
        <p>
          Two-factor authentication is on. Each code below signs you in once if you lose your
          authenticator. They are shown only now.
        </p>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <div>
          <button type="button" className="button primary" onClick={onDone}>
            I saved them, continue
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card stack" aria-labelledby="mfa-heading">
      <h1 id="mfa-heading">Set up two-factor authentication</h1>
      {required && (
        <p className="notice">Admins need a second factor before they can change anything.</p>
      )}
      {!enrollment && !error && <p role="status">Preparing…</p>}
      {enrollment && (
        <>
          <p>Scan this code with an authenticator app (or type the key below), then enter the code it shows.</p>
          <img className="qr" src={qrDataUrl(enrollment.otpauth_uri)} alt="QR code of the authenticator set-up key" width={200} height={200} />
          <p>
            Key: <code data-testid="mfa-secret">{enrollment.secret}</code>
          </p>
          <form onSubmit={(e) => void confirm(e)} className="stack">
            <div className="field">
              <label htmlFor="mfa-code">Authentication code</label>
              <input
                id="mfa-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                required
                value={code}
                onChange={(e) => { setCode(e.target.value); }}
              />
            </div>
            <div>
              <button type="submit" className="button primary">
                Turn on
              </button>
            </div>
          </form>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
