/** Existence functions (`to_regclass('x')`) and lookup casts (`'x'::regclass`) in a condition. */
import type { Node } from '../../sql/parser.js';
import type { QualifiedName } from '../names.js';
import type { ObjectKind } from './created-objects.js';

/** Calls answering NULL when the object is missing, and the kinds they look up. */
export const EXISTENCE: Record<string, ObjectKind[]> = {
  to_regclass: ['table', 'view', 'index', 'sequence', 'type', 'constraint'],
  to_regtype: ['type', 'table', 'view'],
  to_regnamespace: ['schema'],
  to_regrole: ['role'],
  to_regproc: ['function'],
  to_regprocedure: ['function'],
};
/** Casts that look a name up (`'x'::regclass`): they fail rather than answer NULL, but name the object all the same. */
const REG_CASTS: Record<string, string> = { regclass: 'to_regclass', regtype: 'to_regtype', regnamespace: 'to_regnamespace', regrole: 'to_regrole', regproc: 'to_regproc', regprocedure: 'to_regprocedure' };

/** `to_regclass('x')`, `'x'::regclass` (possibly cast on to oid): the function and the name it looks up. */
export function existenceCall(e: Node): { fn: string; name: QualifiedName } | undefined {
  let v: Node | undefined = e;
  while (v && 'TypeCast' in v) {
    const names = v.TypeCast.typeName?.names ?? [];
    const last = names.at(-1);
    const reg = last && 'String' in last ? REG_CASTS[last.String.sval ?? ''] : undefined;
    const arg: Node | undefined = v.TypeCast.arg;
    if (reg && arg && 'A_Const' in arg && arg.A_Const.sval) return { fn: reg, name: identifierText(arg.A_Const.sval.sval ?? '') };
    v = arg;
  }
  if (!v || !('FuncCall' in v)) return undefined;
  const fname = v.FuncCall.funcname?.at(-1);
  const fn = fname && 'String' in fname ? (fname.String.sval ?? '') : '';
  const arg = v.FuncCall.args?.[0];
  if (!(fn in EXISTENCE) || !arg) return undefined;
  let a: Node | undefined = arg;
  while (a && 'TypeCast' in a) a = a.TypeCast.arg;
  return a && 'A_Const' in a && a.A_Const.sval ? { fn, name: identifierText(a.A_Const.sval.sval ?? '') } : undefined;
}

/**
 * The name a to_reg* argument looks up, folded as Postgres folds identifiers: `public.T` is
 * public.t, `"T"` is T; for to_regprocedure `f(int)`, the function's name.
 */
function identifierText(text: string): QualifiedName {
  const parts: string[] = [];
  let i = 0;
  const src = text.replace(/\(.*$/s, '');
  while (i < src.length) {
    if (src[i] === '"') {
      let part = '';
      i++;
      while (i < src.length) {
        if (src[i] === '"' && src[i + 1] === '"') (part += '"'), (i += 2);
        else if (src[i] === '"') break;
        else part += src[i++];
      }
      i++;
      parts.push(part);
    } else {
      const end = src.indexOf('.', i);
      const stop = end < 0 ? src.length : end;
      const raw = src.slice(i, stop).trim();
      if (raw) parts.push(raw.toLowerCase());
      i = stop;
    }
    while (src[i] === '.' || src[i] === ' ') i++;
  }
  const name = parts.at(-1) ?? '';
  return parts.length >= 2 ? { schema: parts.at(-2)!, name } : { name };
}
