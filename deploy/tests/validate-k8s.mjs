// Validates rendered Kubernetes objects (a multi-document YAML file) offline, twice:
//  1. against the official OpenAPI schemas (npm kubernetes-models, and the
//     prometheus-operator models for ServiceMonitor and PrometheusRule): types, formats,
//     required fields, enums;
//  2. for unknown field names, which those validators let pass: every object becomes a
//     typed object literal in a TypeScript file, and tsc's excess-property check names any
//     field the schema does not have (a misspelt `readinessProbes` would otherwise be
//     silently ignored by the API server's client-side apply).
// Usage: node validate-k8s.mjs RENDERED.yaml   (exit 1 listing every problem)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'monitoring.coreos.com') {
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  }
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-k8s.mjs RENDERED.yaml');
  process.exit(2);
}
const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS()).filter(Boolean);
const problems = [];
const typed = [];
for (const [i, obj] of docs.entries()) {
  const name = `${obj.kind}/${obj.metadata?.name}`;
  const path = modulePath(obj.apiVersion, obj.kind);
  let mod;
  try {
    mod = await import(path);
  } catch {
    problems.push(`${name}: no schema for ${obj.apiVersion} ${obj.kind} (${path})`);
    continue;
  }
  try {
    new mod[obj.kind](obj).validate();
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  }
  typed.push({ i, name, path, obj });
}

// The excess-property check: one typed literal per object.
const dir = mkdtempSync(join(here, '.tsc-'));
try {
  const lines = typed.map(
    ({ i, path, obj }) =>
      `import type { I${obj.kind} as T${i} } from ${JSON.stringify(path)};\n` +
      `export const o${i}: T${i} = ${JSON.stringify(obj, null, 1)};`,
  );
  writeFileSync(join(dir, 'objects.ts'), lines.join('\n') + '\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        skipLibCheck: true,
        types: [],
      },
      files: ['objects.ts'],
    }),
  );
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    const out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    for (const line of out.split('\n').filter((l) => l.includes('error TS'))) {
      const at = /objects\.ts\((\d+),/.exec(line);
      // Map the line back to its object: each object starts at its `export const oN` line.
      let owner = '?';
      if (at) {
        const src = readFileSync(join(dir, 'objects.ts'), 'utf8').split('\n');
        for (let l = Number(at[1]) - 1; l >= 0; l--) {
          const m = /^export const o(\d+):/.exec(src[l]);
          if (m) {
            owner = typed.find((t) => t.i === Number(m[1])).name;
            break;
          }
        }
      }
      problems.push(`${owner}: ${line.replace(/^.*error TS\d+: /, '')}`);
    }
    if (!out.includes('error TS')) problems.push(`tsc failed: ${out}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${docs.length} objects valid`);
