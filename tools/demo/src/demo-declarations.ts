import { DEMO_PROJECTS, DEMO_STORAGE_SYSTEM, demoAnchor } from './demo-production';

/**
 * What the demo productions declare about themselves, and the admin actions a production
 * office would take on them (docs/insights.md, docs/retention.md): the declarations give the
 * KPIs their functional units (finished minutes, shoot days) and the benchmarks their
 * production types; a status set by hand, a retention policy and a legal hold give the artifact
 * and retention pages something real to show. Pure data, for a given anchor day.
 */
export interface DemoDeclaration {
  id: string;
  name: string;
  productionType: 'SERIES' | 'COMMERCIAL';
  country: string;
  startDate: string;
  endDate: string;
  finishedMinutes: number;
  shootDays: number;
  episodes?: number;
  tags: string[];
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function demoDeclarations(now: Date): DemoDeclaration[] {
  const anchor = demoAnchor(now);
  return [
    {
      id: DEMO_PROJECTS.series,
      name: 'Demo series, episode 101',
      productionType: 'SERIES',
      country: 'GB',
      // The demo's first span is 42 days before the anchor, its last ends the day before.
      startDate: day(anchor - 42 * DAY_MS),
      endDate: day(anchor - DAY_MS),
      finishedMinutes: 44,
      // The Iceland location shoot: five days (days 36–32 before the anchor).
      shootDays: 5,
      episodes: 1,
      tags: ['demo'],
    },
    {
      id: DEMO_PROJECTS.commercial,
      name: 'Demo commercial, 30 s spot',
      productionType: 'COMMERCIAL',
      country: 'FR',
      startDate: day(anchor - 15 * DAY_MS),
      endDate: day(anchor - DAY_MS),
      finishedMinutes: 0.5,
      shootDays: 1,
      tags: ['demo'],
    },
  ];
}

/** A status the office sets by hand (setArtifactStatus): the client signs off a shot. */
export const DEMO_STATUS_CHANGE = {
  projectId: DEMO_PROJECTS.series,
  artifactId: 'ep101-sc03-sh01-v3',
  status: 'final',
  note: 'client sign-off (demo)',
} as const;

/**
 * A retention policy on the render versions' frames kept on the NAS: once a week has passed
 * since a version's status last changed, move its frames to tape. Every version feeds the
 * delivered episode (protected unless the selector names its status, docs/retention.md), so the
 * selector names `final` and `delivered` beside `rejected`: approved versions of shots still in
 * work stay on the NAS.
 */
export const DEMO_RETENTION_POLICY = {
  name: 'Settled render versions to tape after a week (demo)',
  action: 'MOVE',
  toMedia: 'tape',
  graceDays: 30,
  reason: 'Settled versions are rarely reopened; tape holds them for a fraction of the energy.',
  selector: {
    artifactKinds: ['shot-version'],
    statuses: ['rejected', 'final', 'delivered'],
    storageSystems: [DEMO_STORAGE_SYSTEM],
    minAgeDays: 7,
    ageBasis: 'STATUS_CHANGE',
  },
} as const;

/** A legal hold: one rejected version is evidence in a (fictional) dispute. */
export const DEMO_LEGAL_HOLD = {
  projectId: DEMO_PROJECTS.series,
  artifactId: 'ep101-sc01-sh01-v1',
  reason: 'Kept for a rights dispute on scene 1 (demo)',
} as const;
