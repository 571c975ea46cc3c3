import { writeFileSync } from 'node:fs';
import { governanceJsonSchema } from './json-schema';

/** `npm run schema`: regenerates the committed governance.schema.json. */
writeFileSync('governance.schema.json', governanceJsonSchema());
process.stderr.write('wrote governance.schema.json\n');
