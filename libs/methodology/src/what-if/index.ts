export {
  recomputeWhatIf,
  type WhatIfActivityGroup,
  type WhatIfKindLine,
  type WhatIfProblem,
  type WhatIfResult,
  type WhatIfTotals,
} from './what-if.recompute';
export {
  checkScenario,
  LIGHTING_TYPES,
  MAX_SHIFT_HOURS,
  RENDER_RESOLUTIONS,
  type LightingType,
  type RenderResolution,
  type WhatIfScenario,
} from './what-if.scenario';
