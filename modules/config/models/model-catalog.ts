import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import shipped from './known-models.json';
import { ConfigError } from '../document/problems';
import { readConfigText } from '../document/read-config-text';

/** The file `modelgate discover --models` writes beside governance.yaml; read instead of the shipped snapshot when present. */
export const MODEL_CATALOG_FILE = 'known-models.json';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const catalogSchema = z.strictObject({
  /** The day the ids were read. */
  date: z.string().regex(DATE),
  /** "snapshot": shipped with modelgate; "discover": read from an account by `modelgate discover --models`. */
  origin: z.enum(['snapshot', 'discover']),
  /** Where the ids come from, for a reader of the file. */
  sources: z.array(z.string()),
  /** The lists complete enough that a glob matching none of their ids deserves a warning. */
  checkUnmatched: z.array(z.enum(['bedrock', 'publicHub'])),
  /** Amazon Bedrock foundation model ids (ListFoundationModels). */
  bedrock: z.array(z.string().min(1).max(256)),
  /** SageMaker public hub model names (ListHubContents on SageMakerPublicHub): JumpStart and Bedrock Marketplace models. */
  publicHub: z.array(z.string().min(1).max(256)),
});

/** Known model ids: what model selectors are checked against, for warnings only. */
export type ModelCatalog = z.infer<typeof catalogSchema> & {
  /** Where the catalog was read from, for messages. */
  readonly file: string;
};

/** The snapshot shipped with modelgate. */
export function shippedModelCatalog(): ModelCatalog {
  return { ...catalogSchema.parse(shipped), file: 'the snapshot shipped with modelgate' };
}

/** known-models.json beside the governance file when there is one, else the shipped snapshot. */
export function modelCatalogFor(configFile: string): ModelCatalog {
  const file = join(dirname(configFile), MODEL_CATALOG_FILE);
  return existsSync(file) ? loadModelCatalog(file) : shippedModelCatalog();
}

/** Reads a catalog that `modelgate discover --models` wrote; a file of another shape is a located error. */
export function loadModelCatalog(file: string): ModelCatalog {
  const text = readConfigText(file);
  const problem = (message: string): ConfigError =>
    new ConfigError([{ file, line: 1, column: 1, path: '', message: `${message}; write it again with "modelgate discover --models", or delete it to use the snapshot shipped with modelgate` }]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw problem(`not JSON (${(error as Error).message})`);
  }
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) throw problem(`not a model catalog: ${parsed.error.issues[0]?.path.join('.') || 'the document'} is not as expected`);
  return { ...parsed.data, file };
}

/** The catalog as discover writes it: sorted, unique ids, stable key order, a final newline. */
export function modelCatalogJson(catalog: Omit<ModelCatalog, 'file'>): string {
  const sorted = (ids: readonly string[]): string[] => [...new Set(ids)].sort();
  const { date, origin, sources, checkUnmatched, bedrock, publicHub } = catalog;
  return `${JSON.stringify({ date, origin, sources, checkUnmatched, bedrock: sorted(bedrock), publicHub: sorted(publicHub) }, null, 2)}\n`;
}
