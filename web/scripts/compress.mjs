// Writes a gzip copy (level 9) next to every text file of the build that compresses by at
// least an eighth ("assets/index-3f9a.js.gz"): vitrine serves it to clients that accept gzip
// (server/src/webapp/assets.cpp), so neither its start-up nor a request compresses anything.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const TEXT = /\.(html|js|css|svg|json|webmanifest|txt|map|ico)$/;
const out = process.env['VITRINE_WEB_OUT'] ?? 'dist';

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      yield* files(path);
    } else {
      yield path;
    }
  }
}

for (const path of [...files(out)]) {
  const body = readFileSync(path);
  if (!TEXT.test(path) || body.length <= 256) {
    continue;
  }
  const packed = gzipSync(body, { level: 9 });
  if (packed.length + body.length / 8 <= body.length) {
    writeFileSync(`${path}.gz`, packed);
  }
}
