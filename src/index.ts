/** pgmend's public API. The CLI (src/cli) is a thin layer over exactly these functions. */
export { PgmendError, EXIT, exitCodeFor, type ErrorCode } from './errors.js';
export { type Finding, type Severity, formatFinding } from './findings.js';
export { type SourceLocation, SourceText } from './source.js';
export { ensureParser } from './sql/parser.js';
export { splitSql, type SqlItem, type SqlStatement, type MetaCommand } from './sql/split.js';
export { quoteIdent, quoteLiteral, quoteQualified } from './sql/quote.js';
export { rewriteStatement, Definitions, type Rewrite, type RewriteContext } from './rewrite/index.js';
export { readMigrations, INPUT_FORMATS, type InputFormat, type ReadOptions, type ReadResult, type SourceMigration } from './input/index.js';
export * from './convert/index.js';
export * from './chain/index.js';
export * from './lint/index.js';
