import type { Activity } from '@greenops/domain';
import { activityMeasures } from './activity-measures';

const base = (over: Partial<Activity>): Activity => ({
  tenant: 't',
  projectId: 'p',
  kind: 'render',
  name: 'x',
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  startTime: '2026-01-01T00:00:00Z',
  endTime: '2026-01-01T02:00:00Z',
  durationS: 7200,
  measurements: {},
  ...over,
});

describe('activityMeasures', () => {
  it('counts GPU-hours only for catalogued GPUs', () => {
    // 4 L40S boards for 2 h = 8 GPU-hours; a workstation model is not a GPU.
    expect(
      activityMeasures(base({ measurements: { hw: { model: 'NVIDIA L40S', count: 4 } } })).gpuHours,
    ).toBe(8);
    expect(
      activityMeasures(base({ measurements: { hw: { model: 'unknown-box', count: 4 } } })).gpuHours,
    ).toBe(0);
  });

  it('measures storage in TB-months and transfer in TB', () => {
    // 3 TB for 1,460 h = 3 × 2 months (730 h each) = 6 TB-months.
    const stored = activityMeasures(
      base({ kind: 'storage', durationS: 1460 * 3600, measurements: { storage: { bytes: 3e12 } } }),
    );
    expect(stored.storageTbMonths).toBeCloseTo(6, 12);
    expect(
      activityMeasures(base({ kind: 'transfer', measurements: { transferBytes: 2.5e11 } }))
        .transferTb,
    ).toBe(0.25);
  });

  it('counts generated clips, their seconds and resolution', () => {
    const m = activityMeasures(
      base({
        kind: 'ai.inference',
        artifact: { id: 'clip', durationS: 10 },
        measurements: {
          ai: {
            modality: 'video',
            model: 'wan',
            videos: 3,
            video: { width: 1920, height: 1080, frames: 120, fps: 24 },
          },
        },
      }),
    );
    // 3 clips × 120 frames / 24 fps = 3 × 5 s = 15 s.
    expect(m).toMatchObject({
      aiVideos: 3,
      aiVideoSeconds: 15,
      aiResolution: '1920x1080',
      aiModel: 'wan',
      artifactDurationS: 10,
    });
    const images = activityMeasures(
      base({ kind: 'ai.inference', measurements: { ai: { modality: 'image', images: 4 } } }),
    );
    expect(images).toMatchObject({ aiImages: 4, aiVideos: 0, aiResolution: null });
  });
});
