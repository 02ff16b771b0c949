import { useState } from 'react';
import { chooseTheme, currentTheme, type Theme } from '../lib/theme';

/** A button that switches light/dark; aria-pressed tells whether dark is on. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(currentTheme);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="button icon-button"
      aria-pressed={theme === 'dark'}
      onClick={() => {
        chooseTheme(next);
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      Dark theme
    </button>
  );
}
