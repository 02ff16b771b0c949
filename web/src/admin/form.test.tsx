import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { useSave } from './form';

type Problem = NonNullable<ApiError['problem']>;

const problem = (status: number, extra: Partial<Problem>) =>
  new ApiError(status, { type: 'urn:vitrine:problem:validation-failed', title: 'x', status, detail: 'x', ...extra }, 'x');

describe('useSave', () => {
  it('sends nothing while a client rule fails, and says which fields', async () => {
    const { result } = renderHook(() => useSave());
    const action = vi.fn(() => Promise.resolve());
    await act(() => result.current.run({ name: 'must not be empty' }, action));
    expect(action).not.toHaveBeenCalled();
    expect(result.current.errors).toEqual({ name: 'must not be empty' });
    expect(result.current.failure?.message).toBe('Some fields need attention.');
  });

  it("puts a 422's field errors on the fields, first message per field", async () => {
    const { result } = renderHook(() => useSave());
    const errors: Problem['errors'] = [
      { field: 'links/0/url', code: 'invalid_url', message: 'must be an absolute URL' },
      { field: 'links/0/url', code: 'too_long', message: 'second' },
      { field: 'title', code: 'required', message: 'must not be empty' },
    ];
    await act(() => result.current.run({}, () => Promise.reject(problem(422, { errors }))));
    expect(result.current.errors).toEqual({ 'links/0/url': 'must be an absolute URL', title: 'must not be empty' });
    expect(result.current.busy).toBe(false);
  });

  it('turns a 412 into the conflict notice and a 409 onto the field it names', async () => {
    const { result } = renderHook(() => useSave());
    await act(() => result.current.run({}, () => Promise.reject(problem(412, { detail: 'changed' }))));
    expect(result.current.failure).toEqual({ fields: {}, conflict: true, message: null });
    await act(() => result.current.run({}, () => Promise.reject(problem(409, { field: 'slug', detail: 'The slug is taken.' }))));
    expect(result.current.errors).toEqual({ slug: 'The slug is taken.' });
    expect(result.current.failure?.conflict).toBe(false);
  });

  it('clears the last failure when a save succeeds, and is busy meanwhile', async () => {
    const { result } = renderHook(() => useSave());
    await act(() => result.current.run({}, () => Promise.reject(new Error('offline'))));
    expect(result.current.failure?.message).toBe('offline');
    let finish: () => void = () => undefined;
    let pending: Promise<void> = Promise.resolve();
    act(() => {
      pending = result.current.run({}, () => new Promise<void>((resolve) => { finish = resolve; }));
    });
    expect(result.current.busy).toBe(true);
    expect(result.current.failure).toBeNull();
    await act(async () => {
      finish();
      await pending;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.errors).toEqual({});
  });
});
