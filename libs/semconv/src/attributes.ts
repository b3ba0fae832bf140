/**
 * Span-attribute names of the GreenOps semantic conventions (docs/semantic-conventions.md). The names are a
 * public contract: users put them on spans, so never rename one, only add.
 */
export const ATTR = {
  projectId: 'greenops.project.id',
  activityKind: 'greenops.activity.kind',
  /** Overrides end − start (e.g. an instant span logging a shift). */
  activityDurationS: 'greenops.activity.duration_s',

  artifactId: 'greenops.artifact.id',
  artifactParentId: 'greenops.artifact.parent.id',
  artifactKind: 'greenops.artifact.kind',
  artifactStatus: 'greenops.artifact.status',
  /** Length of the delivered clip, seconds (per-second and per-minute SCI of an artifact). */
  artifactDurationS: 'greenops.artifact.duration_s',

  energyKwh: 'greenops.energy.kwh',
  /** `it` (default) or `facility`: whether greenops.energy.kwh already includes facility overhead. */
  energyBoundary: 'greenops.energy.boundary',
  intensityGPerKwh: 'greenops.carbon_intensity.g_per_kwh',
  marketIntensityGPerKwh: 'greenops.carbon_intensity.market.g_per_kwh',
  pue: 'greenops.pue',

  cloudProvider: 'cloud.provider',
  cloudRegion: 'cloud.region',
  country: 'greenops.location.country',
  /** `workstation`, `server-room` or `data-centre`: the on-premises facility's default PUE. */
  facilityType: 'greenops.facility.type',

  hwModel: 'greenops.hw.model',
  hwCount: 'greenops.hw.count',
  hwPowerW: 'greenops.hw.power_w',
  hwUtilization: 'greenops.hw.utilization',
  hwEmbodiedKgCo2e: 'greenops.hw.embodied_kgco2e',
  hwLifetimeH: 'greenops.hw.lifetime_h',
  /** 0..1: share of the hardware's embodied emissions this span carries (overlapping spans). */
  hwEmbodiedShare: 'greenops.hw.embodied_share',

  genAiRequestModel: 'gen_ai.request.model',
  genAiInputTokens: 'gen_ai.usage.input_tokens',
  genAiOutputTokens: 'gen_ai.usage.output_tokens',

  aiModality: 'greenops.ai.modality',
  aiVideoWidth: 'greenops.ai.video.width',
  aiVideoHeight: 'greenops.ai.video.height',
  aiVideoFrames: 'greenops.ai.video.frames',
  aiVideoFps: 'greenops.ai.video.fps',
  aiVideoDurationS: 'greenops.ai.video.duration_s',
  aiDenoisingSteps: 'greenops.ai.denoising_steps',
  aiImages: 'greenops.ai.images',
  aiCredits: 'greenops.ai.credits',
  /** Videos generated (or upscaled) by the span, each of the stated spec; default 1. */
  aiVideos: 'greenops.ai.videos',

  transferBytes: 'greenops.transfer.bytes',

  storageBytes: 'greenops.storage.bytes',
  storageMedia: 'greenops.storage.media',
  storageReplication: 'greenops.storage.replication',
  /** Which storage system holds the bytes (e.g. `isilon-ldn-1`, `s3:vfx-renders`); retention names it. */
  storageSystem: 'greenops.storage.system',
  /** Where on that system (a path or URI); optional, for the holder's deletion. */
  storageUri: 'greenops.storage.uri',

  travelMode: 'greenops.travel.mode',
  travelDistanceKm: 'greenops.travel.distance_km',
  travelPassengers: 'greenops.travel.passengers',
  travelClass: 'greenops.travel.class',

  fuelType: 'greenops.fuel.type',
  fuelLitres: 'greenops.fuel.litres',

  onsetSource: 'greenops.onset.source',
  lightingType: 'greenops.lighting.type',

  accommodationNights: 'greenops.accommodation.nights',
} as const;

/** Enumerated attribute values (docs/semantic-conventions.md). */
export const AI_MODALITIES = ['text', 'image', 'video', 'upscale', 'audio'] as const;
export const STORAGE_MEDIA = ['ssd', 'hdd', 'tape', 'object'] as const;
export const TRAVEL_MODES = ['flight', 'car', 'van', 'rail', 'taxi', 'ferry'] as const;
export const ENERGY_BOUNDARIES = ['it', 'facility'] as const;
export const FACILITY_TYPES = ['workstation', 'server-room', 'data-centre'] as const;
export const ONSET_SOURCES = ['grid', 'diesel_generator', 'hybrid_generator', 'battery'] as const;
