import type { Attributes } from '@opentelemetry/api';

/**
 * A realistic demo production, as a pipeline would trace it (docs/semantic-conventions.md):
 * a series episode and a commercial over the six weeks before `anchor` — farm renders of shot
 * versions (rejected, then approved), artist workstations, AI previz video and images with
 * upscaling, transfers, storage on two tiers, crew flights and hotels, on-set generators and
 * grid power. Deterministic for a given anchor (a seeded generator), so sending it twice on
 * the same day counts every span once (ingest deduplicates re-sent spans).
 */
export interface DemoSpan {
  name: string;
  startMs: number;
  durationS: number;
  attributes: Attributes;
}

export const DEMO_PROJECTS = {
  series: 'demo-series-ep101',
  commercial: 'demo-commercial-30s',
} as const;

/** Where the series keeps its render versions' frames (their holdings, for retention). */
export const DEMO_STORAGE_SYSTEM = 'isilon-ldn-1';

/** A span the demo sends on purpose with an unknown activity kind: Platform health lists it. */
export const DEMO_REJECTED_SPAN_NAME = 'render sh099 (typo in activity kind)';

const HOUR_S = 3_600;
const DAY_MS = 86_400_000;

/** Mulberry32: a small deterministic generator (the demo must be reproducible). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Midnight UTC of the anchor's day: the production ends the day before. */
export function demoAnchor(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

export function demoProduction(now: Date): DemoSpan[] {
  const anchor = demoAnchor(now);
  const rnd = seeded(20261102);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  /** `daysAgo` days before the anchor at `hour` UTC. */
  const at = (daysAgo: number, hour: number) => anchor - daysAgo * DAY_MS + hour * 3_600_000;
  const spans: DemoSpan[] = [];
  const add = (
    project: string,
    name: string,
    startMs: number,
    durationS: number,
    attributes: Attributes,
  ) =>
    spans.push({
      name,
      startMs,
      durationS,
      attributes: { 'greenops.project.id': project, ...attributes },
    });

  // ── Series episode: 4 scenes × 3 shots × 3 versions; 42 days of work. ──────────────────────
  const series = DEMO_PROJECTS.series;
  const episode = 'ep101';
  for (let sc = 1; sc <= 4; sc++) {
    const scene = `${episode}-sc0${sc}`;
    // AI previz: four generated clips per scene, the last one kept, then upscaled to UHD.
    for (let take = 1; take <= 4; take++) {
      const kept = take === 4;
      const clip = `${scene}-previz-t${take}`;
      add(series, `generate previz ${clip}`, at(42 - sc * 2, 10 + take), 240, {
        'greenops.activity.kind': 'ai.inference',
        'greenops.artifact.id': clip,
        'greenops.artifact.parent.id': scene,
        'greenops.artifact.kind': 'video',
        'greenops.artifact.status': kept ? 'approved' : 'rejected',
        'greenops.ai.modality': 'video',
        'gen_ai.request.model': 'Wan2.1-T2V-1.3B',
        'greenops.ai.video.width': 1280,
        'greenops.ai.video.height': 720,
        'greenops.ai.video.duration_s': 8,
        'greenops.ai.video.fps': 24,
        'greenops.ai.denoising_steps': 50,
        'cloud.provider': 'gcp',
        'cloud.region': 'us-central1',
      });
      if (kept) {
        add(series, `upscale previz ${clip} to UHD`, at(42 - sc * 2, 16), 600, {
          'greenops.activity.kind': 'ai.inference',
          'greenops.artifact.id': `${clip}-uhd`,
          'greenops.artifact.parent.id': clip,
          'greenops.artifact.kind': 'video',
          'greenops.artifact.status': 'approved',
          'greenops.ai.modality': 'upscale',
          'greenops.ai.video.width': 3840,
          'greenops.ai.video.height': 2160,
          'greenops.ai.video.duration_s': 8,
          'greenops.ai.video.fps': 24,
        });
      }
    }
    add(series, `mood board ${scene}`, at(43 - sc * 2, 9), 60, {
      'greenops.activity.kind': 'ai.inference',
      'greenops.artifact.id': `${scene}-moodboard`,
      'greenops.artifact.parent.id': scene,
      'greenops.artifact.kind': 'image',
      'greenops.artifact.status': 'approved',
      'greenops.ai.modality': 'image',
      'greenops.ai.images': 12,
    });
    for (let sh = 1; sh <= 3; sh++) {
      const shot = `${scene}-sh0${sh}`;
      // The shot itself: the scene is its parent (set once, on the compositing spans).
      for (let v = 1; v <= 3; v++) {
        const version = `${shot}-v${v}`;
        const status = v === 3 ? (sc <= 2 ? 'final' : 'approved') : 'rejected';
        const daysAgo = 30 - sc * 5 - sh + v * 2;
        add(series, `render ${version}`, at(daysAgo, 20), Math.round(between(3, 6) * HOUR_S), {
          'greenops.activity.kind': 'render',
          'greenops.artifact.id': version,
          'greenops.artifact.parent.id': shot,
          'greenops.artifact.kind': 'shot-version',
          'greenops.artifact.status': status,
          'greenops.hw.model': 'nvidia-l40s',
          'greenops.hw.count': 8,
          'greenops.hw.power_w': Math.round(between(260, 330)),
          'greenops.location.country': 'GB',
        });
        // The version's frames, still on the facility's NAS: a holding that retention sees.
        add(series, `hold frames ${version}`, at(1, 0), 24 * HOUR_S, {
          'greenops.activity.kind': 'storage',
          'greenops.artifact.id': version,
          'greenops.storage.system': DEMO_STORAGE_SYSTEM,
          'greenops.storage.uri': `nfs://isilon-ldn-1/ep101/${version}`,
          'greenops.storage.bytes': 1.5e12,
          'greenops.storage.media': 'hdd',
          'greenops.storage.replication': 2,
          'greenops.location.country': 'GB',
        });
      }
      for (let day = 0; day < 3; day++) {
        add(series, `comp ${shot} day ${day + 1}`, at(28 - sc * 5 - sh + day, 9), 8 * HOUR_S, {
          'greenops.activity.kind': 'workstation',
          'greenops.artifact.id': shot,
          'greenops.artifact.parent.id': scene,
          'greenops.artifact.kind': 'shot',
          'greenops.artifact.status': sc <= 2 ? 'final' : 'approved',
          'greenops.hw.model': 'workstation',
          'greenops.location.country': 'GB',
        });
      }
    }
    add(series, `edit ${scene}`, at(4 + sc, 9), 8 * HOUR_S, {
      'greenops.activity.kind': 'workstation',
      'greenops.artifact.id': scene,
      'greenops.artifact.parent.id': episode,
      'greenops.artifact.kind': 'scene',
      'greenops.hw.model': 'workstation',
      'greenops.location.country': 'GB',
    });
  }
  add(series, `conform ${episode}`, at(2, 9), 8 * HOUR_S, {
    'greenops.activity.kind': 'workstation',
    'greenops.artifact.id': episode,
    'greenops.artifact.kind': 'episode',
    'greenops.artifact.status': 'delivered',
    'greenops.hw.model': 'workstation',
    'greenops.location.country': 'GB',
  });
  // Artists' other desk time (no artifact): four seats on weekdays.
  for (let d = 41; d >= 1; d--) {
    const weekday = new Date(at(d, 0)).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let seat = 1; seat <= 4; seat++) {
      add(series, `artist seat ${seat}`, at(d, 9), Math.round(between(6, 9) * HOUR_S), {
        'greenops.activity.kind': 'workstation',
        'greenops.hw.model': 'workstation',
        'greenops.location.country': 'GB',
      });
    }
    add(series, 'upload dailies', at(d, 19), 1_800, {
      'greenops.activity.kind': 'transfer',
      'greenops.transfer.bytes': int(40, 180) * 1_000_000_000,
      'greenops.location.country': 'GB',
    });
  }
  // Storage on two tiers, one span per day each: hot SSD object storage, archive tape on site.
  for (let d = 42; d >= 1; d--) {
    add(series, 'hold working files (hot tier)', at(d, 0), 24 * HOUR_S, {
      'greenops.activity.kind': 'storage',
      'greenops.storage.bytes': (12 + (42 - d) * 0.4) * 1e12,
      'greenops.storage.media': 'ssd',
      'greenops.storage.replication': 2,
      'cloud.provider': 'aws',
      'cloud.region': 'eu-west-2',
    });
    add(series, 'archive camera originals (tape tier)', at(d, 0), 24 * HOUR_S, {
      'greenops.activity.kind': 'storage',
      'greenops.storage.bytes': 60e12,
      'greenops.storage.media': 'tape',
      'greenops.storage.replication': 2,
      'greenops.location.country': 'GB',
    });
  }
  // Location shoot in Iceland: crew flights, hotels, generators (days 36–32 before the anchor).
  add(series, 'crew flight LHR–KEF', at(37, 8), 3 * HOUR_S, {
    'greenops.activity.kind': 'travel',
    'greenops.travel.mode': 'flight',
    'greenops.travel.distance_km': 1_890,
    'greenops.travel.passengers': 14,
    'greenops.travel.class': 'economy',
  });
  add(series, 'crew flight KEF–LHR', at(31, 17), 3 * HOUR_S, {
    'greenops.activity.kind': 'travel',
    'greenops.travel.mode': 'flight',
    'greenops.travel.distance_km': 1_890,
    'greenops.travel.passengers': 14,
    'greenops.travel.class': 'economy',
  });
  add(series, 'crew hotel Reykjavik', at(37, 20), 60, {
    'greenops.activity.kind': 'accommodation',
    'greenops.accommodation.nights': 14 * 6,
    'greenops.location.country': 'IS',
  });
  for (let d = 36; d >= 32; d--) {
    add(series, `generator shoot day ${37 - d}`, at(d, 7), 11 * HOUR_S, {
      'greenops.activity.kind': 'onset.energy',
      'greenops.onset.source': 'diesel_generator',
      'greenops.fuel.type': 'diesel',
      'greenops.fuel.litres': int(90, 160),
    });
    add(series, `unit vans day ${37 - d}`, at(d, 6), HOUR_S, {
      'greenops.activity.kind': 'travel',
      'greenops.travel.mode': 'van',
      'greenops.travel.distance_km': int(60, 140),
    });
  }
  add(series, 'studio pickups: grid tie-in', at(20, 8), 10 * HOUR_S, {
    'greenops.activity.kind': 'onset.energy',
    'greenops.onset.source': 'grid',
    'greenops.energy.kwh': 45,
    'greenops.location.country': 'GB',
  });
  add(series, 'studio pickups: LED lighting', at(20, 8), 10 * HOUR_S, {
    'greenops.activity.kind': 'onset.energy',
    'greenops.lighting.type': 'led',
    'greenops.hw.count': 16,
    'greenops.location.country': 'GB',
  });

  // ── Commercial: two weeks, AI-heavy, one shoot day. ────────────────────────────────────────
  const ad = DEMO_PROJECTS.commercial;
  const spot = 'spot-30s';
  for (let take = 1; take <= 10; take++) {
    const clip = `${spot}-gen-t${String(take).padStart(2, '0')}`;
    add(ad, `generate ${clip}`, at(14 - Math.ceil(take / 2), 11), 300, {
      'greenops.activity.kind': 'ai.inference',
      'greenops.artifact.id': clip,
      'greenops.artifact.parent.id': spot,
      'greenops.artifact.kind': 'video',
      'greenops.artifact.status': take >= 9 ? 'approved' : 'rejected',
      'greenops.ai.modality': 'video',
      'greenops.ai.credits': 150,
      'greenops.ai.videos': 4,
      'cloud.provider': 'gcp',
      'cloud.region': 'europe-west2',
    });
  }
  add(ad, `upscale ${spot} hero clips`, at(8, 15), 900, {
    'greenops.activity.kind': 'ai.inference',
    'greenops.artifact.id': `${spot}-hero-uhd`,
    'greenops.artifact.parent.id': spot,
    'greenops.artifact.kind': 'video',
    'greenops.artifact.status': 'final',
    'greenops.ai.modality': 'upscale',
    'greenops.ai.video.width': 3840,
    'greenops.ai.video.height': 2160,
    'greenops.ai.video.duration_s': 10,
    'greenops.ai.video.fps': 25,
    'greenops.ai.videos': 2,
  });
  add(ad, 'storyboard frames', at(15, 10), 60, {
    'greenops.activity.kind': 'ai.inference',
    'greenops.artifact.id': `${spot}-boards`,
    'greenops.artifact.parent.id': spot,
    'greenops.artifact.kind': 'image',
    'greenops.artifact.status': 'approved',
    'greenops.ai.modality': 'image',
    'greenops.ai.images': 40,
  });
  for (let v = 1; v <= 4; v++) {
    add(ad, `render ${spot} v${v}`, at(7 - v, 21), Math.round(between(2, 4) * HOUR_S), {
      'greenops.activity.kind': 'render',
      'greenops.artifact.id': `${spot}-v${v}`,
      'greenops.artifact.parent.id': spot,
      'greenops.artifact.kind': 'shot-version',
      'greenops.artifact.status': v === 4 ? 'final' : 'rejected',
      'greenops.hw.model': 'nvidia-a100',
      'greenops.hw.count': 4,
      'cloud.provider': 'aws',
      'cloud.region': 'eu-west-1',
    });
  }
  for (let d = 14; d >= 1; d--) {
    const weekday = new Date(at(d, 0)).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    add(ad, 'edit suite', at(d, 9), 8 * HOUR_S, {
      'greenops.activity.kind': 'workstation',
      'greenops.artifact.id': spot,
      'greenops.artifact.kind': 'spot',
      'greenops.artifact.status': d <= 2 ? 'delivered' : 'in-progress',
      'greenops.hw.model': 'workstation',
      'greenops.location.country': 'FR',
    });
    add(ad, 'hold rushes', at(d, 0), 24 * HOUR_S, {
      'greenops.activity.kind': 'storage',
      'greenops.storage.bytes': 4e12,
      'greenops.storage.media': 'ssd',
      'cloud.provider': 'gcp',
      'cloud.region': 'europe-west2',
    });
  }
  add(ad, 'shoot day: HVO generator', at(10, 6), 12 * HOUR_S, {
    'greenops.activity.kind': 'onset.energy',
    'greenops.onset.source': 'hybrid_generator',
    'greenops.fuel.type': 'hvo',
    'greenops.fuel.litres': 70,
  });
  add(ad, 'crew cars to location', at(10, 5), 2 * HOUR_S, {
    'greenops.activity.kind': 'travel',
    'greenops.travel.mode': 'car',
    'greenops.travel.distance_km': 240,
  });
  add(ad, 'crew train Paris–Lyon', at(11, 8), 2 * HOUR_S, {
    'greenops.activity.kind': 'travel',
    'greenops.travel.mode': 'rail',
    'greenops.travel.distance_km': 465,
    'greenops.travel.passengers': 9,
  });
  add(ad, 'crew hotel Lyon', at(11, 20), 60, {
    'greenops.activity.kind': 'accommodation',
    'greenops.accommodation.nights': 9,
    'greenops.location.country': 'FR',
  });
  add(ad, 'deliver masters to broadcaster', at(1, 15), 1_200, {
    'greenops.activity.kind': 'transfer',
    'greenops.transfer.bytes': 350_000_000_000,
    'greenops.location.country': 'FR',
  });
  return spans;
}

/** Spans per project: what the platform counts once the demo is projected. */
export function demoCounts(spans: readonly DemoSpan[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of spans) {
    const p = String(s.attributes['greenops.project.id']);
    counts[p] = (counts[p] ?? 0) + 1;
  }
  return counts;
}

/** The span ingest refuses (an unknown activity kind), to show rejections on Platform health. */
export function demoRejectedSpan(now: Date): DemoSpan {
  return {
    name: DEMO_REJECTED_SPAN_NAME,
    startMs: demoAnchor(now) - DAY_MS + 10 * 3_600_000,
    durationS: HOUR_S,
    attributes: {
      'greenops.project.id': DEMO_PROJECTS.series,
      'greenops.activity.kind': 'rendr',
      'greenops.energy.kwh': 2,
    },
  };
}
