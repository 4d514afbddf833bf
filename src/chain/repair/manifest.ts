/**
 * What a written repair leaves beside the version location: `.pgmend-backup/<timestamp>/` with
 * the original files and `pgmend-repair.json` (the id map), which reconcile and check --db read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChainContext } from '../types.js';

export const BACKUP_DIR = '.pgmend-backup';
export const MANIFEST = 'pgmend-repair.json';

export interface RepairManifest {
  idMap: Record<string, string>;
  changed: string[];
  created: string[];
  /** Copies of other revisions the repair deleted (absent in manifests of older versions). */
  deleted?: string[];
  /** Files renamed with their revision's new id (`changed` names them by their new names). */
  moved?: { from: string; to: string }[];
}

/** Backups go beside the (first) version location. */
export function backupRoot(locations: string[]): string {
  return path.dirname(locations[0] ?? '.');
}

/** Every id map repair wrote beside the version location, oldest first, chained (a → b → c gives a → c). */
export function repairIdMaps(ctx: ChainContext): Map<string, string> {
  const dir = path.join(backupRoot(ctx.folder.locations), BACKUP_DIR);
  const map = new Map<string, string>();
  if (!existsSync(dir)) return map;
  for (const stamp of readdirSync(dir).sort()) {
    const file = path.join(dir, stamp, MANIFEST);
    if (!existsSync(file)) continue;
    let idMap: Record<string, string> | undefined;
    try {
      idMap = (JSON.parse(readFileSync(file, 'utf8')) as Partial<RepairManifest>).idMap;
    } catch {
      continue; // a damaged manifest is not evidence
    }
    for (const [from, to] of Object.entries(idMap ?? {})) {
      for (const [k, v] of map) if (v === from) map.set(k, to);
      map.set(from, to);
    }
  }
  return map;
}
