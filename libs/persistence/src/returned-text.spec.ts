import { boundedColumn, boundText } from './returned-text';

describe('bounds on returned texts', () => {
  it('returns texts within the bound unchanged', () => {
    expect(boundText('render', 6)).toBe('render');
  });

  it('cuts a longer text to the bound, the last character an ellipsis', () => {
    expect(boundText('render frame 42', 6)).toBe('rende…');
  });

  it('never splits a surrogate pair (the character before the cut is kept whole or dropped)', () => {
    // 'ab' + U+1F3AC (two UTF-16 units) + 'cd': a cut at 4 would end inside the pair
    const text = 'ab\u{1F3AC}cd';
    expect(boundText(text, 4)).toBe('ab…');
    expect(boundText(text, 5)).toBe('ab\u{1F3AC}…');
  });

  it('asks SQL for one character more than the bound, to tell a cut', () => {
    expect(boundedColumn('span_name', 1024)).toBe('substr(span_name, 1, 1025)');
  });
});
