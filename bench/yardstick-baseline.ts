// eslint-disable-next-line no-restricted-imports -- the barrel is what this yardstick measures
import * as aws from '@cdktf/provider-aws';
import { App, TerraformStack } from 'cdktf';

/**
 * Yardstick: the smallest cdktf app written the way the provider's README shows, through the
 * package barrel. It is what any cdktf synth that imports the barrel pays before its first resource.
 */
const app = new App({ outdir: process.env.CDKTF_OUTDIR || 'cdktf.out', stackTraces: false });
const stack = new TerraformStack(app, 'baseline');
new aws.provider.AwsProvider(stack, 'management', { region: 'us-east-1' });
new aws.organizationsPolicy.OrganizationsPolicy(stack, 'policy', {
  name: 'baseline',
  type: 'SERVICE_CONTROL_POLICY',
  content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: '*' }] }),
});
app.synth();
