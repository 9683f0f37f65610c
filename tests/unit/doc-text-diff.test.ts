// Long texts of the Landkarte: the smallest edit keeps surrogate pairs whole, and an edit made from an
// older form state keeps what others typed meanwhile (outside the edited span, and inside it too when the
// span moved: then the new text is inserted without deleting).
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff, rebaseTextEdit } from '../../src/lib/doc/text-diff';

function text(initial: string): Y.Text {
  const doc = new Y.Doc();
  const t = doc.getText('t');
  t.insert(0, initial);
  return t;
}

describe('applyTextDiff', () => {
  test('writes the target text, keeping emoji whole', () => {
    for (const [from, to] of [
      ['Hallo Welt', 'Hallo schöne Welt'],
      ['a😀b', 'a😃b'],
      ['😀', ''],
      ['', 'neu'],
      ['abcabc', 'abc']
    ]) {
      const t = text(from!);
      applyTextDiff(t, to!);
      expect(t.toString()).toBe(to);
    }
  });
});

describe('rebaseTextEdit', () => {
  test('applies the person’s change onto what others wrote meanwhile', () => {
    const t = text('Wir suchen Helfende. Und Räume.');
    // Someone else appended meanwhile; this person had the old text in the form and edited the start.
    t.insert(t.length, ' Und Geld.');
    rebaseTextEdit(t, 'Wir suchen Helfende. Und Räume.', 'Wir suchen viele Helfende. Und Räume.');
    expect(t.toString()).toBe('Wir suchen viele Helfende. Und Räume. Und Geld.');
  });

  test('an unchanged form writes nothing', () => {
    const t = text('A');
    t.insert(1, 'B');
    rebaseTextEdit(t, 'A', 'A');
    expect(t.toString()).toBe('AB');
  });

  test('when the edited span changed too, the new text is inserted and nothing deleted', () => {
    const t = text('Alt');
    t.delete(0, 3);
    t.insert(0, 'Ganz anders');
    rebaseTextEdit(t, 'Alt', 'Neu');
    expect(t.toString()).toContain('Neu');
    expect(t.toString()).toContain('Ganz anders');
  });
});
