import fc from 'fast-check';
import { boundedText, hasLoneSurrogate } from './bounded-text';

describe('boundedText', () => {
  it('keeps short, clean text as it is', () => {
    expect(boundedText('render sh042 v3 🎬', 256)).toBe('render sh042 v3 🎬');
  });

  it('cuts long text to the limit, the marker included', () => {
    // 10 characters: 9 kept + "…"
    expect(boundedText('abcdefghijklmnop', 10)).toBe('abcdefghi…');
  });

  it('never splits a surrogate pair when cutting', () => {
    // "a" + 😀 (two code units) + "bcd": cutting at 2 would keep half of the emoji
    expect(boundedText('a😀bcd', 3)).toBe('a…');
  });

  it('replaces NUL, other control characters and lone surrogates with U+FFFD', () => {
    expect(boundedText('a\u0000b\u001fc\u007f', 256)).toBe('a\ufffdb\ufffdc\ufffd');
    expect(boundedText('x\ud800y\udc00z', 256)).toBe('x\ufffdy\ufffdz');
    expect(boundedText('ok 😀', 256)).toBe('ok 😀');
  });

  it('always yields storable text within the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.integer({ min: 2, max: 300 }),
        (text, max) => {
          const out = boundedText(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(hasLoneSurrogate(out)).toBe(false);
          // eslint-disable-next-line no-control-regex
          expect(out).not.toMatch(/[\u0000-\u001f\u007f]/);
          // PostgreSQL's jsonb accepts whatever JSON.stringify makes of it
          expect(JSON.stringify(out)).not.toMatch(/\\u0000|\\ud[89a-f]/i);
        },
      ),
    );
  });
});
