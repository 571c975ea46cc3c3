export { AccountStack } from './account-stack';
export { configureBackend } from './backend';
export { GovernanceStack } from './governance-stack';
export { addGovernanceStacks, stackTargets } from './governance-stacks';
export { OrganizationalUnitStack } from './organizational-unit-stack';
export { OutputFolderError } from './output-folder';
export { RootStack } from './root-stack';
export { synthesizeCompiled, synthesizeGovernance, type SynthesizeOptions, type SynthesizeResult } from './synthesize';
