// In-page drivers for the editors of fixtures/editors.html, each through that
// editor's own API (what a user or the page's code would do): read the text,
// place the selection, read it back, put the caret at the end, undo.
// Installed with page.evaluate(installDrivers); used as window.drivers[kind].

export function installDrivers() {
  const control = (id) => {
    const el = document.getElementById(id);
    return {
      text: () => el.value,
      select: (start, end) => { el.focus(); el.setSelectionRange(start, end); },
      selection: () => [el.selectionStart, el.selectionEnd],
      focusEnd: () => { el.focus(); el.setSelectionRange(el.value.length, el.value.length); },
    };
  };
  const ce = document.getElementById('contenteditable');
  const cm6 = window.codemirror6;
  const monacoOffsets = () => {
    const model = monacoEditor.getModel();
    const s = monacoEditor.getSelection();
    return [model.getOffsetAt(s.getStartPosition()), model.getOffsetAt(s.getEndPosition())];
  };
  const aceDoc = () => aceEditor.session.getDocument();
  window.drivers = {
    textarea: control('textarea'),
    input: control('input'),
    contenteditable: {
      text: () => ce.innerHTML,
      select: (start, end) => {
        ce.focus();
        const node = ce.firstChild;
        getSelection().setBaseAndExtent(node, start, node, end);
      },
      selection: () => {
        const s = getSelection();
        return s.anchorNode === ce.firstChild ? [s.anchorOffset, s.focusOffset] : ['elsewhere'];
      },
      focusEnd: () => {
        ce.focus();
        const last = ce.lastChild;
        getSelection().setBaseAndExtent(last, last.length, last, last.length);
      },
    },
    codemirror5: {
      text: () => cm5.getValue(),
      select: (start, end) => { cm5.focus(); cm5.setSelection(cm5.posFromIndex(start), cm5.posFromIndex(end)); },
      selection: () => [cm5.indexFromPos(cm5.getCursor('from')), cm5.indexFromPos(cm5.getCursor('to'))],
      focusEnd: () => { cm5.focus(); cm5.setCursor(cm5.posFromIndex(cm5.getValue().length)); },
      undo: () => cm5.undo(),
    },
    codemirror6: {
      text: () => cm6.view.state.doc.toString(),
      select: (start, end) => { cm6.view.focus(); cm6.view.dispatch({ selection: cm6.EditorSelection.single(start, end) }); },
      selection: () => [cm6.view.state.selection.main.from, cm6.view.state.selection.main.to],
      focusEnd: () => { cm6.view.focus(); cm6.view.dispatch({ selection: cm6.EditorSelection.single(cm6.view.state.doc.length) }); },
      undo: () => cm6.undo(cm6.view),
    },
    monaco: {
      text: () => monacoEditor.getValue(),
      select: (start, end) => {
        const model = monacoEditor.getModel();
        const a = model.getPositionAt(start);
        const b = model.getPositionAt(end);
        monacoEditor.focus();
        monacoEditor.setSelection({ startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column });
      },
      selection: monacoOffsets,
      focusEnd: () => {
        const model = monacoEditor.getModel();
        monacoEditor.focus();
        monacoEditor.setPosition(model.getPositionAt(model.getValueLength()));
      },
      undo: () => monacoEditor.trigger('test', 'undo', null),
    },
    ace: {
      text: () => aceEditor.getValue(),
      select: (start, end) => {
        aceEditor.focus();
        const range = aceEditor.getSelectionRange();
        const a = aceDoc().indexToPosition(start);
        const b = aceDoc().indexToPosition(end);
        range.setStart(a.row, a.column);
        range.setEnd(b.row, b.column);
        aceEditor.selection.setSelectionRange(range);
      },
      selection: () => {
        const r = aceEditor.getSelectionRange();
        return [aceDoc().positionToIndex(r.start), aceDoc().positionToIndex(r.end)];
      },
      focusEnd: () => { aceEditor.focus(); aceEditor.navigateFileEnd(); },
      undo: () => aceEditor.undo(),
    },
    custom: {
      text: () => customEditor.text,
    },
  };
}
