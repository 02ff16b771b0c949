// Light and dark themes: the visitor's choice is remembered per browser (localStorage);
// without one the system's prefers-color-scheme decides, and follows it when it changes.
export type Theme = 'light' | 'dark';

const KEY = 'vitrine-theme';

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage disabled: the system decides
  }
}

function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** Sets the theme before the first render and follows the system while nothing is chosen. */
export function initTheme(): void {
  apply(stored() ?? systemTheme());
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (!stored()) {
      apply(systemTheme());
    }
  });
}

export function chooseTheme(theme: Theme): void {
  apply(theme);
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // not remembered; still applied
  }
}
