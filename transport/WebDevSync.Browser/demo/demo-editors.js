/**
 * The demo page's rich editors, bundled by build.mjs into wwwroot/lib/demo-editors.js
 * (with demo-editors.css and Monaco's worker beside it): a CodeMirror 6 and a
 * Monaco editor, set up as their docs show for bundlers. Not part of the library:
 * the library finds these editors from the DOM; the page passes `monaco` and
 * CodeMirror's `EditorView` to attach() because a bundled Monaco has no global.
 */

import { EditorView, basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';

// Monaco's own worker (diffing, links), built next to this file as an ES module.
self.MonacoEnvironment = {
  getWorker: () => new Worker(new URL('./demo-editors.worker.js', import.meta.url), { type: 'module' }),
};

/**
 * @param {{ codemirror6: HTMLElement, monaco: HTMLElement }} parents
 * @returns {{ monaco: typeof monaco, codemirror6: { EditorView: typeof EditorView }, views: { codemirror6: EditorView, monaco: import('monaco-editor').editor.IStandaloneCodeEditor } }}
 */
export function createDemoEditors(parents) {
  const codemirror6 = new EditorView({
    doc: [
      '// Sums the numbers of a list.',
      'function sum(numbers) {',
      '  return numbers.reduce((total, n) => total + n, 0);',
      '}',
      '',
      'console.log(sum([1, 2, 3]));',
      '',
    ].join('\n'),
    extensions: [basicSetup, javascript()],
    parent: parents.codemirror6,
  });
  const editor = monaco.editor.create(parents.monaco, {
    value: [
      '// A typed greeting.',
      'interface Person { name: string }',
      '',
      'export function greet(person: Person): string {',
      '  return `Hello, ${person.name}!`;',
      '}',
      '',
    ].join('\n'),
    language: 'typescript',
    minimap: { enabled: false },
    automaticLayout: true,
    scrollBeyondLastLine: false,
    fontSize: 13,
  });
  return { monaco, codemirror6: { EditorView }, views: { codemirror6, monaco: editor } };
}
