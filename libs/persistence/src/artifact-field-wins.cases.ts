/**
 * Table-driven cases of the artifact merge rule, run against the TS function
 * (`artifact-field-wins.spec.ts`) and the SQL function (`artifact-field-wins.int-spec.ts`).
 */
export interface ArtifactFieldCase {
  name: string;
  current: { value: string | null; at: string | null };
  incoming: { value: string | null; at: string };
  wins: boolean;
}

const T3 = '2026-03-01T03:00:00.000Z';
const T5 = '2026-03-01T05:00:00.000Z';
const T6 = '2026-03-01T06:00:00.000Z';

export const ARTIFACT_FIELD_CASES: readonly ArtifactFieldCase[] = [
  {
    name: 'a later value wins',
    current: { value: 'final', at: T5 },
    incoming: { value: 'draft', at: T6 },
    wins: true,
  },
  {
    name: 'an earlier value loses',
    current: { value: 'final', at: T5 },
    incoming: { value: 'draft', at: T3 },
    wins: false,
  },
  {
    name: 'the same time: the value handled last wins',
    current: { value: 'final', at: T5 },
    incoming: { value: 'draft', at: T5 },
    wins: true,
  },
  {
    name: 'absent never erases, even later',
    current: { value: 'final', at: T5 },
    incoming: { value: null, at: T6 },
    wins: false,
  },
  {
    name: 'a value fills an unknown field, even earlier',
    current: { value: null, at: null },
    incoming: { value: 'draft', at: T3 },
    wins: true,
  },
  {
    name: 'absent over absent changes nothing',
    current: { value: null, at: null },
    incoming: { value: null, at: T6 },
    wins: false,
  },
  {
    name: 'a value without a recorded time is replaced',
    current: { value: 'final', at: null },
    incoming: { value: 'draft', at: T3 },
    wins: true,
  },
];
