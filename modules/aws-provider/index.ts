export { constrainAwsProvider, requireAwsProvider } from './stack-provider-version';
