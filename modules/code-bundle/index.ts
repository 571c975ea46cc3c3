export { BUNDLES, bundleCurrent, bundleFiles, inputsUnchanged, loadBundle, runBundle, type BundleFiles, type BundleInput, type LoadedBundle } from './code-bundle';
