import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy* and waitFor wait for a condition, polling; the limit only matters when the machine
// is slow. Under `make test` vitest shares two cores with the other suites, and the default
// 1 s ran out once while a page was still rendering its first state.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
