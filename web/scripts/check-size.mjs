// The size budget of the dashboard (docs/web.md): the JavaScript a first visit loads, i.e.
// the entry chunk and every chunk it imports statically, gzip-compressed, must stay within
// 200 KB. Lazily loaded chunks (project page, admin console) are reported, not counted.
// Reads Vite's output (dist/ or $VITRINE_WEB_OUT), prints the figures, writes
// size-report.json next to them, and fails the build above the budget.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 200 * 1024;
const out = process.env['VITRINE_WEB_OUT'] ?? 'dist';
const html = readFileSync(join(out, 'index.html'), 'utf8');

/** Every script the page loads before it runs: the module entry and its modulepreloads. */
const initial = new Set(
  [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  ),
);
if (initial.size === 0) {
  console.error('check-size: no script found in index.html');
  process.exit(1);
}

// Static imports inside the initial chunks (Vite hoists them as `from"./x.js"` / `import"./x.js"`).
const queue = [...initial];
while (queue.length > 0) {
  const file = queue.pop() ?? '';
  const code = readFileSync(join(out, file), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
    const dep = `assets/${m[1] ?? ''}`;
    if (!initial.has(dep)) {
      initial.add(dep);
      queue.push(dep);
    }
  }
}

/** The gzip size: the build's copy (scripts/compress.mjs) when it made one. */
const gz = (file) => {
  const copy = join(out, `${file}.gz`);
  return existsSync(copy) ? statSync(copy).size : gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
};
const all = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
const rows = all.map((f) => ({ file: `assets/${f}`, gzip: gz(`assets/${f}`), initial: initial.has(`assets/${f}`) }));
const initialJs = rows.filter((r) => r.initial).reduce((sum, r) => sum + r.gzip, 0);

for (const r of rows.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`  ${r.file.endsWith('.css') ? 'css    ' : r.initial ? 'initial' : 'lazy   '} ${(r.gzip / 1024).toFixed(1).padStart(7)} KB  ${r.file}`);
}
console.log(`check-size: initial JavaScript ${(initialJs / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
writeFileSync(join(out, '..', 'web-size-report.json'), JSON.stringify({ budget: BUDGET, initial_js_gzip: initialJs, files: rows }, null, 2));
if (initialJs > BUDGET) {
  console.error('check-size: over budget; lazy-load what the first page does not need (docs/web.md)');
  process.exit(1);
}
