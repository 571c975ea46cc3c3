export { bundleCurrent, bundleFiles, inputsUnchanged, loadBundle, runBundle, SYNTH_APP_BUNDLE, type BundleFiles, type BundleInput, type LoadedBundle } from './code-bundle';
