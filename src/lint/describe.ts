/** Words that do not name anything: skipped when counting the words of a label. */
const FILLER = new Set(['IF', 'NOT', 'EXISTS', 'OR', 'REPLACE', 'ONLY', 'CONCURRENTLY', 'UNIQUE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'MATERIALIZED', 'ON']);

/** How a statement starts, to name it in a message: `ALTER TABLE contacts …`, `DROP TABLE IF EXISTS users`. */
export function statementLabel(sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim().split(' ');
  const kept: string[] = [];
  let meaningful = 0;
  for (const word of words) {
    if (meaningful === 3) break;
    const paren = word.indexOf('(');
    kept.push(paren >= 0 ? word.slice(0, paren) : word);
    if (paren >= 0) break;
    if (!FILLER.has(word.toUpperCase())) meaningful++;
  }
  const label = kept.join(' ').trimEnd();
  return kept.length < words.length || label.length < words.join(' ').length ? `${label} …` : label;
}

/** `op.add_column`, `batch_op.drop_column`, `connection.execute`: how a call is named in messages. */
export function opLabel(call: { via: string; method: string }): string {
  const receiver = call.via === 'batch' ? 'batch_op' : call.via === 'bind' ? 'connection' : 'op';
  return `${receiver}.${call.method.split(' ')[0]}`;
}
