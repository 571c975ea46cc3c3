export { checkDrift, type Drift, type DriftKind } from './check-drift';
export { driftJson, driftText, locateDrift, type LocatedDrift } from './format-drift';
export { governanceYaml, yamlString } from './governance-yaml';
export { assignLayerNames, sanitizeName, type LayerNames } from './layer-names';
export { isFullAwsAccess, isModelgatePolicy, type LiveAccount, type LiveOrganization, type LivePolicy, type LiveUnit } from './live-organization';
export { ModelCatalogReadError, readModelCatalog, type ReadModelCatalogOptions } from './read-model-catalog';
export { OrganizationReadError, readOrganization, type ReadOrganizationOptions, type ReadStage } from './read-organization';
export { FileExistsError, writeNewFile } from './write-new-file';
