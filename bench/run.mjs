// `npm run bench`: runs every bench/*.bench.mjs in turn. Each prints pgmend's rate beside a
// reference measured in the same run (ratios, never absolute thresholds).
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort()) {
  if (only && !f.startsWith(only)) continue;
  console.log(`\n== ${f}`);
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  await mod.default();
}
