/**
 * The app `cdktf synth` runs (cdktf.json), and `npm run synth`: modelgate's synth (synth-app.ts),
 * from its bundle with V8's code cache when the bundle is current (modules/code-bundle), else
 * module by module. Both run the same code; the bundle saves loading about 670 files one by one.
 */
import { loadBundle, SYNTH_APP_BUNDLE } from './modules/code-bundle';
import type * as SynthApp from './synth-app';

const bundle = loadBundle<typeof SynthApp>(__dirname, SYNTH_APP_BUNDLE);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules load only when the bundle is stale or missing
(bundle?.exports ?? (require('./synth-app') as typeof SynthApp)).run();
