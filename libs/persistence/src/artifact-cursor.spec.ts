import { decodeArtifactCursor, encodeArtifactCursor } from './artifact-cursor';
import { PersistenceInputError } from './persistence-input.error';

describe('artifact cursor', () => {
  it('round-trips any id, including unicode and separators', () => {
    for (const id of ['shot-010', 'ép/01:ß', '"quoted"', '']) {
      expect(decodeArtifactCursor('after', encodeArtifactCursor(id))).toBe(id);
    }
  });

  it('does not expose the id as plain text', () => {
    expect(encodeArtifactCursor('scene-1')).not.toContain('scene-1');
  });

  it('rejects anything it did not issue, naming the field', () => {
    for (const bad of [
      'garbage!',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["a1",5]').toString('base64url'),
    ]) {
      expect(() => decodeArtifactCursor('after', bad)).toThrow(PersistenceInputError);
      expect(() => decodeArtifactCursor('after', bad)).toThrow(/^after: /);
    }
  });
});
