// The signed-in session of this tab. The access token lives only in memory (never in
// storage a script could read later); the refresh token is an HttpOnly cookie the server
// sets, so a reload resumes the session with one POST /auth/refresh ("silent refresh").
// Refreshes are shared: many requests failing at once cause one refresh.

export type SessionState = 'unknown' | 'signed-in' | 'signed-out';

interface Token {
  value: string;
  expiresAt: number; // ms since the epoch
}

interface TokenResponse {
  access_token: string;
  expires_in: number;
}

/** Renew this long before the token expires, so a request never carries a dying one. */
const RENEW_EARLY_MS = 30_000;

class Session {
  private token: Token | null = null;
  private state: SessionState = 'unknown';
  private pending: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The token to send: null when signed out (public pages never wait on a refresh). */
  async accessToken(): Promise<string | null> {
    if (this.pending) {
      return this.pending;
    }
    if (!this.token) {
      return null;
    }
    if (Date.now() >= this.token.expiresAt - RENEW_EARLY_MS) {
      return this.refresh();
    }
    return this.token.value;
  }

  /** Stores a token from sign-in, MFA confirmation or refresh, and schedules its renewal. */
  accept(response: TokenResponse): void {
    this.token = { value: response.access_token, expiresAt: Date.now() + response.expires_in * 1000 };
    clearTimeout(this.timer);
    const renewIn = Math.max(5_000, response.expires_in * 1000 - RENEW_EARLY_MS);
    this.timer = setTimeout(() => void this.refresh(), renewIn);
    this.set('signed-in');
  }

  /** Exchanges the refresh cookie for a new token; null (and signed out) when it fails. */
  refresh(): Promise<string | null> {
    this.pending ??= this.exchange().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Resumes a session after a reload, once; resolves to the state. */
  async restore(): Promise<SessionState> {
    if (this.state === 'unknown') {
      await this.refresh();
    }
    return this.state;
  }

  /** The server refused the token even after a refresh. */
  expired(): void {
    this.drop();
  }

  async signOut(): Promise<void> {
    try {
      await fetch('/api/v1/auth/logout', {
        method: 'POST',
        headers: { 'X-Requested-With': 'vitrine' },
        credentials: 'same-origin',
      });
    } finally {
      this.drop();
    }
  }

  private async exchange(): Promise<string | null> {
    try {
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'X-Requested-With': 'vitrine', Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!response.ok) {
        this.drop();
        return null;
      }
      const body = (await response.json()) as TokenResponse;
      this.accept(body);
      return body.access_token;
    } catch {
      // Network trouble: keep the state, the next request tries again.
      return null;
    }
  }

  private drop(): void {
    this.token = null;
    clearTimeout(this.timer);
    this.set('signed-out');
  }

  private set(state: SessionState): void {
    if (this.state !== state) {
      this.state = state;
      for (const listener of this.listeners) {
        listener();
      }
    }
  }
}

export const session = new Session();
