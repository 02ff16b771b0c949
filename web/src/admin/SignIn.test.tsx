import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { session } from '../api/session';
import { answer, scriptFetch } from '../test/fetch';
import { SignIn } from './SignIn';

const mfaRequired = {
  type: 'urn:vitrine:problem:mfa-required',
  title: 'Second factor required',
  status: 401,
  detail: 'Send totp_code.',
};

afterEach(async () => {
  scriptFetch([answer(204)]);
  await session.signOut();
});

describe('SignIn', () => {
  it('asks for the code in a second step when the account has MFA, then signs in', async () => {
    const calls = scriptFetch([
      answer(401, mfaRequired),
      answer(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
    ]);
    const user = userEvent.setup();
    render(<SignIn />);
    await user.type(screen.getByLabelText('Email'), 'admin@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const code = await screen.findByLabelText('Authentication code');
    await waitFor(() => { expect(code).toHaveFocus(); });
    expect(screen.getByLabelText('Email')).toBeDisabled();
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await waitFor(() => { expect(session.getState()).toBe('signed-in'); });
    expect(JSON.parse(calls[1]?.init?.body as string)).toEqual({
      email: 'admin@example.org',
      password: 'correct horse battery',
      totp_code: '123456',
    });
  });

  it('says the credentials are wrong without saying which', async () => {
    scriptFetch([answer(401, { ...mfaRequired, type: 'urn:vitrine:problem:invalid-credentials' })]);
    const user = userEvent.setup();
    render(<SignIn />);
    await user.type(screen.getByLabelText('Email'), 'a@example.org');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(session.getState()).not.toBe('signed-in');
  });

  it('offers a recovery code instead of the authenticator code', async () => {
    const calls = scriptFetch([
      answer(401, mfaRequired),
      answer(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
    ]);
    const user = userEvent.setup();
    render(<SignIn />);
    await user.type(screen.getByLabelText('Email'), 'a@example.org');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText('Recovery code'), 'abcd-efgh-jkmn');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => { expect(calls).toHaveLength(2); });
    expect(JSON.parse(calls[1]?.init?.body as string)).toMatchObject({ recovery_code: 'abcd-efgh-jkmn' });
  });
});
