// The hand-written TypeScript declarations describe the library as it is used:
// strict compilation of a usage file passes, and misuse is caught.

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import ts from 'typescript';

const OPTIONS = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  // Our .d.ts is checked; TypeScript's own lib files need not be (that is most of the time).
  skipDefaultLibCheck: true,
};

const USAGE = fileURLToPath(new URL('./support/types-usage.ts', import.meta.url));
const MISUSE = fileURLToPath(new URL('./support/types-misuse.ts', import.meta.url));
// One program for both files: the DOM lib is parsed once.
const program = ts.createProgram([USAGE, MISUSE], OPTIONS);

function diagnostics(path) {
  const file = program.getSourceFile(path);
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
    const where = d.file ? `${d.file.fileName.split('/').pop()}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('web-dev-sync.d.ts', () => {
  it('type-checks the seed integration pattern and the whole API strictly', () => {
    assert.deepEqual(diagnostics(USAGE), []);
    assert.deepEqual(program.getGlobalDiagnostics(), []);
    const declarations = program.getSourceFiles().find((f) => f.fileName.endsWith('/web-dev-sync.d.ts'));
    assert.deepEqual(program.getSemanticDiagnostics(declarations).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
  });

  it('rejects misuse', () => {
    const errors = diagnostics(MISUSE);
    const lines = new Set(errors.map((e) => Number(e.split(' ')[0].split(':')[1])));
    assert.deepEqual([...lines].sort((a, b) => a - b), [5, 6, 7, 8, 9, 11, 12, 13], errors.join('\n'));
  });
});
