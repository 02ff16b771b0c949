import { describe, expect, it } from 'vitest';
import { errorFor, isHttpUrl, splitList, validateProject, validateSettings, type ProjectInput } from './rules';

const valid: ProjectInput = {
  title: 'Homelab',
  slug: '',
  summary: '',
  body_markdown: '',
  tags: [],
  tech_stack: [],
  links: [],
  repo_url: '',
  demo_url: '',
  sort_order: 0,
};

describe('project rules (server/src/domain/project.cpp)', () => {
  it('accepts a minimal project and the limits themselves', () => {
    expect(validateProject(valid)).toEqual({});
    expect(validateProject({ ...valid, title: 'é'.repeat(200), summary: '🙂'.repeat(500) })).toEqual({});
  });

  it('counts characters as code points, like the server', () => {
    expect(validateProject({ ...valid, title: '🙂'.repeat(201) })).toEqual({ title: 'must be at most 200 characters' });
  });

  it('reports every broken rule on its field', () => {
    const errors = validateProject({
      ...valid,
      title: '',
      slug: 'Not A Slug',
      tags: ['ok', 'Bad', 'ok'],
      links: [{ label: '', url: 'ftp://x' }],
      repo_url: 'github.com/x',
      sort_order: 2_000_000_000,
      body_markdown: 'bell\u0007',
    });
    expect(errors).toEqual({
      title: 'must not be empty',
      slug: "must be 1-64 characters of a-z, 0-9 and '-'",
      'tags/1': 'must start with a-z or 0-9, then up to 31 of a-z 0-9 + . # -',
      'tags/2': 'is listed twice',
      'links/0/label': 'must not be empty',
      'links/0/url': 'must be an absolute http:// or https:// URL',
      repo_url: 'must be an absolute http:// or https:// URL',
      sort_order: 'must be between -1000000000 and 1000000000',
      body_markdown: 'must not contain control characters other than newline and tab',
    });
  });

  it('refuses a slug shaped like an id', () => {
    expect(validateProject({ ...valid, slug: '01a2147f-5deb-71d9-a08f-9cddcd928f79' }).slug).toMatch(/UUID/);
  });

  it('keeps newlines and tabs in markdown and counts its limit in UTF-8 bytes', () => {
    expect(validateProject({ ...valid, body_markdown: '# a\n\n\tb' })).toEqual({});
    expect(validateProject({ ...valid, body_markdown: 'é'.repeat(51_201) }).body_markdown).toBe(
      'must be at most 102400 bytes',
    );
  });
});

describe('URLs as is_http_url() sees them', () => {
  it.each([
    ['https://example.org/path?q=1', true],
    ['HTTP://EXAMPLE.ORG', true],
    ['http://127.0.0.1:8080/', true],
    ['https://', false],
    ['https://:80/', false],
    ['https://@host', false],
    ['https://exa mple.org', false],
    ['https://example.org/<script>', false],
    ['javascript:alert(1)', false],
    ['mailto:me@example.org', false],
  ])('%s → %s', (url, ok) => {
    expect(isHttpUrl(url)).toBe(ok);
  });
});

describe('settings rules (server/src/domain/site_settings.cpp)', () => {
  it('allows empty texts and limits each', () => {
    expect(validateSettings({ name: '', headline: '', location: '', about_markdown: '', links: [] })).toEqual({});
    expect(
      validateSettings({ name: 'n'.repeat(101), headline: 'a\nb', location: '', about_markdown: '', links: [] }),
    ).toEqual({ name: 'must be at most 100 characters', headline: 'must not contain control characters' });
  });
});

describe('form helpers', () => {
  it('shows an item error under its list', () => {
    expect(errorFor({ 'tags/2': 'is listed twice' }, 'tags')).toBe('2: is listed twice');
    expect(errorFor({ tags: 'must have at most 20 items' }, 'tags')).toBe('must have at most 20 items');
    expect(errorFor({}, 'tags')).toBeUndefined();
  });

  it('splits comma lists', () => {
    expect(splitList(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
  });
});
