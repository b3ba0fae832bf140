import { activity } from '../testing/activity.fixture';
import { applyUpscaleFrom720p } from './what-if.upscale';

const ai = {
  model: 'WAN2.1-T2V-1.3B',
  modality: 'video' as const,
  denoisingSteps: 50,
  video: { width: 2560, height: 1440, frames: 192, fps: 24, durationS: 8 },
};

describe('UPSCALE_FROM_720P split', () => {
  it('generates with a 720-pixel short side, aspect kept, and upscales to the recorded size', () => {
    const { activities, outcome } = applyUpscaleFrom720p(activity('ai.inference', { ai }));
    expect(outcome).toEqual({ applied: true });
    // 2560 × 720/1440 = 1280; 1440 × 0.5 = 720 (both multiples of 16)
    expect(activities[0].measurements.ai?.video).toMatchObject({ width: 1280, height: 720 });
    expect(activities[1].measurements.ai).toMatchObject({
      modality: 'upscale',
      video: { width: 2560, height: 1440, frames: 192, fps: 24, durationS: 8 },
    });
    expect(activities[1].measurements.ai?.denoisingSteps).toBeUndefined();
  });

  it('rounds an odd aspect to the latent patch', () => {
    // 1998 × 1080 (DCI flat): 1998 × 720/1080 = 1332 → nearest multiple of 16 = 1328
    const flat = { ...ai, video: { ...ai.video, width: 1998, height: 1080 } };
    const { activities } = applyUpscaleFrom720p(activity('ai.inference', { ai: flat }));
    expect(activities[0].measurements.ai?.video).toMatchObject({ width: 1328, height: 720 });
  });

  it("charges a local run's host embodied once (on the generation), a service's is per kWh", () => {
    const local = applyUpscaleFrom720p(
      activity('ai.inference', { ai, hw: { model: 'nvidia-geforce-rtx-4090' } }),
    );
    expect(local.activities[0].measurements.embodiedShare).toBeUndefined();
    expect(local.activities[1].measurements.embodiedShare).toBe(0);
    const service = applyUpscaleFrom720p(activity('ai.inference', { ai, cloudProvider: 'gcp' }));
    expect(service.activities[1].measurements.embodiedShare).toBeUndefined();
  });
});
