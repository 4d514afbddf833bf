import { endOfLine, type PyToken } from './tokenize.js';

/** Functions Alembic runs: upgrade/downgrade, and the multi-database template's upgrade_<engine>. */
export const PHASE_NAME = /^(upgrade|downgrade)(?:_\w+)?$/;

/** A compound statement (`def …:` / `with …:`) and the token range of its body. */
export interface Block {
  /** Index of the `def` / `with` token. */
  head: number;
  /** Index of the header's final `:`. */
  colon: number;
  /** Body token range [from, to). */
  from: number;
  to: number;
}

/** The `:` that ends the header of the compound statement at `head` (colons in brackets are deeper), or -1. */
function headerColon(tokens: PyToken[], head: number): number {
  const depth = tokens[head]!.depth;
  const end = endOfLine(tokens, head);
  for (let k = head + 1; k < end; k++) if (tokens[k]!.text === ':' && tokens[k]!.depth === depth) return k;
  return -1;
}

/** The block whose header starts at `head`: an indented suite, or the rest of the line. */
export function blockAt(tokens: PyToken[], head: number): Block | undefined {
  const colon = headerColon(tokens, head);
  if (colon < 0) return undefined;
  const indent = tokens[head]!.indent;
  if (tokens[colon + 1]?.type !== 'newline') {
    return { head, colon, from: colon + 1, to: endOfLine(tokens, colon) };
  }
  let k = colon + 2;
  while (k < tokens.length && tokens[k]!.indent > indent) k = endOfLine(tokens, k) + 1;
  return { head, colon, from: colon + 2, to: Math.min(k, tokens.length) };
}

/** Every block headed by `keyword` (`def`, `with`) at the start of a logical line. */
export function blocksOf(tokens: PyToken[], keyword: string): Block[] {
  const out: Block[] = [];
  tokens.forEach((t, k) => {
    if (t.type !== 'name' || t.text !== keyword) return;
    const atLineStart = t.lineStart === k || (t.lineStart === k - 1 && tokens[k - 1]!.text === 'async');
    if (!atLineStart) return;
    const block = blockAt(tokens, k);
    if (block) out.push(block);
  });
  return out;
}

/** True when a suite holds nothing but `pass`, `...` and docstrings. */
export function isEmptyBody(tokens: PyToken[], block: Block): boolean {
  for (let k = block.from; k < block.to; k++) {
    const t = tokens[k]!;
    if (t.type === 'newline' || t.type === 'string' || t.text === 'pass' || t.text === '...') continue;
    if (t.text === ';') continue;
    return false;
  }
  return true;
}

/**
 * The offset lies in the block's body. Its last token (the newline) ends where the next line
 * starts, so that end is outside: `X = 0` right after a def's last line is not in the def.
 */
export function within(tokens: PyToken[], block: Block, offset: number): boolean {
  const from = tokens[block.from]?.start ?? Infinity;
  const to = tokens[block.to - 1]?.end ?? -Infinity;
  return offset >= from && offset < to;
}

/** Some token of the block's header (`if …:`, `with …:`) passes `test`. */
export function headerHas(tokens: PyToken[], block: Block, test: (t: PyToken) => boolean): boolean {
  for (let k = block.head; k < block.colon; k++) if (test(tokens[k]!)) return true;
  return false;
}
