import { readFileSync, writeFileSync } from 'node:fs';
import { governanceJsonSchema } from '../../modules/config';
import { renderConfigurationReference, replaceGenerated } from './configuration-reference';

/** `npm run docs`: regenerates the reference part of docs/configuration.md from the schema. */
const FILE = 'docs/configuration.md';
writeFileSync(FILE, replaceGenerated(readFileSync(FILE, 'utf8'), renderConfigurationReference(JSON.parse(governanceJsonSchema()))));
process.stderr.write(`wrote the reference in ${FILE}\n`);
