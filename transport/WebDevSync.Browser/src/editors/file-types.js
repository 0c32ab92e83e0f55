/**
 * Editors name languages (CodeMirror modes and MIME types, Monaco language ids,
 * Ace modes); the agent wants a file extension. Names not listed are used as
 * they are when they look like an extension, else the type is unknown.
 */
const EXTENSIONS = {
  javascript: 'js', js: 'js', jsx: 'jsx', typescript: 'ts', ts: 'ts', tsx: 'tsx', json: 'json', jsonc: 'json',
  css: 'css', scss: 'scss', sass: 'sass', less: 'less', html: 'html', htmlmixed: 'html', xml: 'xml', svg: 'svg',
  python: 'py', py: 'py', ruby: 'rb', php: 'php', java: 'java', kotlin: 'kt', scala: 'scala', go: 'go', golang: 'go',
  rust: 'rs', c: 'c', cpp: 'cpp', 'c++': 'cpp', c_cpp: 'cpp', csharp: 'cs', 'c#': 'cs', fsharp: 'fs', swift: 'swift',
  shell: 'sh', sh: 'sh', bash: 'sh', powershell: 'ps1', sql: 'sql', mysql: 'sql', pgsql: 'sql', yaml: 'yaml', yml: 'yaml',
  toml: 'toml', ini: 'ini', markdown: 'md', md: 'md', gfm: 'md', lua: 'lua', perl: 'pl', r: 'r', dart: 'dart',
  dockerfile: 'dockerfile', elixir: 'ex', erlang: 'erl', haskell: 'hs', clojure: 'clj', vue: 'vue', svelte: 'svelte',
  graphql: 'graphql', plaintext: 'txt', text: 'txt', null: 'txt',
};

const MIME_TYPES = {
  'text/javascript': 'js', 'application/javascript': 'js', 'text/typescript': 'ts', 'application/typescript': 'ts',
  'application/json': 'json', 'text/css': 'css', 'text/x-scss': 'scss', 'text/x-less': 'less', 'text/html': 'html',
  'application/xml': 'xml', 'text/x-python': 'py', 'text/x-csrc': 'c', 'text/x-c++src': 'cpp', 'text/x-csharp': 'cs',
  'text/x-java': 'java', 'text/x-go': 'go', 'text/x-rustsrc': 'rs', 'text/x-sh': 'sh', 'text/x-sql': 'sql',
  'text/x-yaml': 'yaml', 'text/x-markdown': 'md', 'text/plain': 'txt', 'text/jsx': 'jsx', 'text/typescript-jsx': 'tsx',
};

/**
 * @param {unknown} language e.g. 'javascript', 'text/x-python', 'ace/mode/python'
 * @returns {string | undefined} a file extension without the dot
 */
export function extensionFor(language) {
  if (typeof language !== 'string' || language === '') return undefined;
  const name = language.toLowerCase();
  if (Object.hasOwn(MIME_TYPES, name)) return MIME_TYPES[name];
  const bare = name.replace(/^ace\/mode\//, '');
  if (Object.hasOwn(EXTENSIONS, bare)) return EXTENSIONS[bare];
  return /^[a-z0-9]{1,10}$/.test(bare) ? bare : undefined;
}
