import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { ApiError, request } from '../api/client';
import { session } from '../api/session';
import { useTitle } from '../lib/useTitle';

interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** Email and password, then, for accounts with a second factor, the 6-digit code (or a
 *  recovery code) in a second step: the server answers 401 mfa-required to the first. */
export function SignIn({ reason }: { reason?: string | undefined }) {
  useTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const errorId = useId();
  useEffect(() => {
    if (needCode) {
      codeInput.current?.focus(); // the second step: straight to the code
    }
  }, [needCode, useRecovery]);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { email, password };
      if (needCode) {
        body[useRecovery ? 'recovery_code' : 'totp_code'] = code.trim();
      }
      const { data } = await request<TokenResponse>('/api/v1/auth/login', {
        method: 'POST',
        body,
        anonymous: true,
      });
      session.accept(data);
    } catch (e) {
      if (e instanceof ApiError && e.problem?.type === 'urn:vitrine:problem:mfa-required') {
        setNeedCode(true);
      } else if (e instanceof ApiError && e.status === 401) {
        setError(needCode ? 'The code is not valid. Try the current one.' : 'Wrong email or password.');
      } else if (e instanceof ApiError && e.status === 429) {
        setError(e.message);
      } else {
        setError(e instanceof Error ? e.message : 'Sign-in failed.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sign-in card" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      {reason && <p className="notice">{reason}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? errorId : undefined}>
        <div className="stack">
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              disabled={needCode}
              onChange={(e) => { setEmail(e.target.value); }}
            />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              disabled={needCode}
              onChange={(e) => { setPassword(e.target.value); }}
            />
          </div>
          {needCode && (
            <div className="field">
              <label htmlFor="code">{useRecovery ? 'Recovery code' : 'Authentication code'}</label>
              <input
                id="code"
                ref={codeInput}
                inputMode={useRecovery ? 'text' : 'numeric'}
                autoComplete="one-time-code"
                pattern={useRecovery ? undefined : '[0-9]{6}'}
                required
                value={code}
                onChange={(e) => { setCode(e.target.value); }}
                aria-describedby="code-help"
              />
              <span id="code-help" className="muted">
                {useRecovery
                  ? 'One of the recovery codes you saved; each works once.'
                  : 'The 6-digit code from your authenticator app.'}
              </span>
              <button type="button" className="link-button" onClick={() => { setUseRecovery(!useRecovery); setCode(''); }}>
                {useRecovery ? 'Use the authenticator code' : 'Use a recovery code instead'}
              </button>
            </div>
          )}
          {error && (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          )}
          <div>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Signing in…' : needCode ? 'Verify' : 'Sign in'}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
