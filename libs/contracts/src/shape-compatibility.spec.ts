import { z } from 'zod';
import { describeSchema } from './schema-shape';
import { shapeProblems } from './shape-compatibility';

function problems(previous: z.ZodTypeAny, next: z.ZodTypeAny): string[] {
  return shapeProblems(describeSchema(previous), describeSchema(next));
}

describe('shapeProblems', () => {
  const before = z.object({
    id: z.string().uuid(),
    kind: z.enum(['render', 'transfer']),
    energyKwh: z.number().finite().nonnegative().optional(),
    frames: z.array(z.object({ index: z.number().int() })).max(100),
  });

  it('finds nothing between a schema and itself, or one that only adds optional fields', () => {
    expect(problems(before, before)).toEqual([]);
    expect(problems(before, before.extend({ note: z.string().optional() }))).toEqual([]);
  });

  it('names each change a reader or a writer of the other side would trip on, by path', () => {
    const after = z.object({
      id: z.string(), // uuid dropped: readers of the previous shape refuse other ids
      kind: z.enum(['render', 'transfer', 'storage']), // widened
      energyKwh: z.number().finite().positive(), // required now, and > 0
      frames: z.array(z.object({ index: z.string() })).max(100),
      projectId: z.string(), // a new required field
    });
    expect(problems(before, after)).toEqual([
      'id: constraint uuid dropped (readers of the previous shape refuse what it let in)',
      'kind: enum widened, readers of the previous shape refuse "storage"',
      'energyKwh: became required (records written without it no longer parse)',
      'energyKwh: new constraint >0 (records written before may break it)',
      'energyKwh: constraint >=0 dropped (readers of the previous shape refuse what it let in)',
      'frames[].index: was a number, is now a string',
      'projectId: new required field (records written before lack it)',
    ]);
  });

  it('tells a changed literal and an optional field that became required from the rest', () => {
    const v1 = z.object({ type: z.literal('A'), note: z.string().optional(), id: z.string() });
    const v2 = z.object({ type: z.literal('B'), note: z.string(), id: z.string().optional() });
    expect(problems(v1, v2)).toEqual([
      'type: was the literal "A", is now the literal "B"',
      'note: became required (records written without it no longer parse)',
      'id: became optional (readers of the previous shape require it)',
    ]);
  });
});
