import { existsSync } from 'node:fs';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ConfigError, loadModelCatalog, modelCatalogJson } from '../../modules/config';
import { ModelCatalogReadError, readModelCatalog, writeNewFile } from '../discover';
import { EXIT, type ExitCode } from '../exit-codes';

/** The clients `discover --models` reads with, made once the checks that need no AWS call have passed. */
export interface ModelCatalogClients {
  readonly bedrock: BedrockClient;
  readonly sagemaker: SageMakerClient;
  /** The region both call. */
  readonly region: string;
}

/** Where `discover --models` reads from and writes to; tests inject mocked clients. */
export interface DiscoverModelsIo {
  readonly clients: () => ModelCatalogClients;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * `discover --models <file>`: writes the Bedrock model ids and SageMaker public hub models of the
 * account and region to <file> (known-models.json beside governance.yaml is the one validate and
 * synth read). A file that exists is replaced only if it is a model catalog: anything else is the
 * user's, and stays.
 */
export async function runDiscoverModels(file: string, format: 'text' | 'json', io: DiscoverModelsIo): Promise<ExitCode> {
  const fail = (code: ExitCode, message: string): ExitCode => {
    io.stderr(`modelgate discover --models: ${message}\n`);
    return code;
  };
  if (existsSync(file)) {
    try {
      loadModelCatalog(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return fail(EXIT.problems, `${file} exists and is not a model catalog written by modelgate, so it is kept: name another file, or move it away`);
    }
  }
  const clients = io.clients();
  try {
    const catalog = await readModelCatalog(clients);
    writeNewFile(file, modelCatalogJson(catalog), { overwrite: true });
    const counts = { bedrock: new Set(catalog.bedrock).size, publicHub: new Set(catalog.publicHub).size };
    io.stdout(
      format === 'json'
        ? `${JSON.stringify({ output: file, region: clients.region, date: catalog.date, ...counts }, null, 2)}\n`
        : `wrote ${file}: ${counts.bedrock} Bedrock model ids and ${counts.publicHub} SageMaker public hub models of ${clients.region}, ${catalog.date}.\n` +
            'validate and synth check model selectors against it when it sits beside the governance file; commit it with governance.yaml.\n',
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ModelCatalogReadError) return fail(EXIT.aws, `${error.message}; nothing was written`);
    throw error;
  }
}
