import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReadContext } from './context.js';
import type { FolderView } from './layouts/layout.js';
import { compareStrings } from './order.js';

/** Lists a folder once: files and subfolders by name (symlinks followed, hidden entries skipped). */
export async function folderView(dir: string, ctx: ReadContext): Promise<FolderView> {
  const { files, dirs } = await entries(dir);
  const sub = new Map<string, Promise<string[]>>();
  return {
    dir,
    files,
    dirs,
    filesIn(name) {
      let f = sub.get(name);
      if (!f) sub.set(name, (f = entries(path.join(dir, name)).then((e) => e.files)));
      return f;
    },
    text: async (abs) => (await ctx.decode(abs)).source.text,
    show: (abs) => ctx.show(abs),
  };
}

async function entries(dir: string): Promise<{ files: string[]; dirs: string[] }> {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const isDir = e.isSymbolicLink() ? (await stat(path.join(dir, e.name)).catch(() => undefined))?.isDirectory() : e.isDirectory();
    (isDir ? dirs : files).push(e.name);
  }
  return { files: files.sort(compareStrings), dirs: dirs.sort(compareStrings) };
}
