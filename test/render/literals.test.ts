/**
 * The literal emitters, checked by the real interpreters: every generated Python literal
 * goes through /usr/bin/python3 `ast.literal_eval`, every JS literal through the JS parser.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsString, pythonString, shortString, terminated } from '../../src/render/literals.js';
import { PYTHON } from '../helpers/alembic.js';

const NASTY = ['', '"', '""', '"""', '""""', "'''", '\\', '\\"""', 'a"', '"a', '\r\n', '\u2028\u2029\ufeff\x85', '\x00\x1b', '$$ ${x} `', '🎉 日本', '\ud800'];

/** Parses each literal (one per line of JSON input) with Python and returns the values. */
function pythonEval(literals: string[]): string[] {
  const script = [
    'import ast, json, sys',
    'src = json.loads(sys.stdin.buffer.read().decode("utf-8"))',
    'out = [ast.literal_eval(s) for s in src]',
    // surrogatepass: a lone surrogate must round-trip as itself
    'sys.stdout.buffer.write(json.dumps(out).encode("utf-8", "surrogatepass"))',
  ].join('\n');
  // Pass the literals as JSON so the test's transport cannot change them.
  const output = execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(literals), maxBuffer: 64 << 20 });
  return JSON.parse(output.toString('utf8')) as string[];
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('"', "'", '\\', '\n', '\r', '$', '{', '}', '`', 'a', ' ', '\u2028', 'é'), maxLength: 30 }),
);

describe('pythonString', () => {
  it('round-trips fixed nasty strings through python3', () => {
    const values = NASTY.filter((s) => s !== '\ud800');
    expect(pythonEval(values.map(pythonString))).toEqual(values);
  });

  it('round-trips generated strings through python3 (fast-check)', () => {
    const samples = fc.sample(anyText, { numRuns: 600, seed: 7 });
    expect(pythonEval(samples.map(pythonString))).toEqual(samples);
    const also = fc.sample(anyText.map((s) => shortString(s)), { numRuns: 300, seed: 8 });
    expect(pythonEval(also)).toEqual(fc.sample(anyText, { numRuns: 300, seed: 8 }));
  });

  it('keeps SQL readable: real newlines, quotes unescaped where safe', () => {
    expect(pythonString('SELECT "a"\nFROM t')).toBe('"""SELECT "a"\nFROM t"""');
  });
});

describe('jsString', () => {
  it('round-trips every string through the JavaScript parser (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constantFrom(...NASTY)), (s) => {
        expect(new Function(`return ${jsString(s)};`)()).toBe(s);
        expect(new Function(`return ${shortString(s)};`)()).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('terminated', () => {
  it('does not let a trailing line comment swallow the semicolon', () => {
    expect(terminated('SELECT 1')).toBe('SELECT 1;');
    expect(terminated('SELECT 1 -- why')).toBe('SELECT 1 -- why\n;');
    expect(terminated('SELECT 1 -- why\n+ 1')).toBe('SELECT 1 -- why\n+ 1;');
  });
});
