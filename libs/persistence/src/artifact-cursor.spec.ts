import { decodeArtifactCursor, encodeArtifactCursor } from './artifact-cursor';
import { PersistenceInputError } from './persistence-input.error';

describe('artifact cursor', () => {
  it('round-trips any id, including unicode and separators', () => {
    for (const id of ['shot-010', 'ép/01:ß', '"quoted"', '']) {
      const position = { afterId: id, prefixOnly: false };
      expect(decodeArtifactCursor('after', encodeArtifactCursor(position))).toEqual(position);
    }
  });

  it('round-trips the prefix of an id too long to carry whole', () => {
    const position = { afterId: 'x'.repeat(513), prefixOnly: true };
    expect(decodeArtifactCursor('after', encodeArtifactCursor(position))).toEqual(position);
  });

  it('does not expose the id as plain text', () => {
    expect(encodeArtifactCursor({ afterId: 'scene-1', prefixOnly: false })).not.toContain(
      'scene-1',
    );
  });

  it('rejects anything it did not issue, naming the field', () => {
    for (const bad of [
      'garbage!',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["a1",5]').toString('base64url'),
      Buffer.from('["a3","x"]').toString('base64url'),
    ]) {
      expect(() => decodeArtifactCursor('after', bad)).toThrow(PersistenceInputError);
      expect(() => decodeArtifactCursor('after', bad)).toThrow(/^after: /);
    }
  });
});
