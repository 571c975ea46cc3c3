import { ListFoundationModelsCommand, type BedrockClient } from '@aws-sdk/client-bedrock';
import { ListHubContentsCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { ModelCatalog } from '../../modules/config';

/** How to read the model ids of an account. */
export interface ReadModelCatalogOptions {
  readonly bedrock: BedrockClient;
  readonly sagemaker: SageMakerClient;
  /** The region both clients call, named in the catalog's sources. */
  readonly region: string;
  /** The day written into the catalog. @default today (UTC) */
  readonly today?: string;
}

/** The model ids could not be read; the message says why and what to do. */
export class ModelCatalogReadError extends Error {
  constructor(
    message: string,
    /** The AWS error name, e.g. AccessDeniedException. */
    readonly awsError: string,
  ) {
    super(message);
    this.name = 'ModelCatalogReadError';
  }
}

/** The hub of JumpStart and Bedrock Marketplace models that every account can read. */
const PUBLIC_HUB = 'SageMakerPublicHub';
/** Pages of ListHubContents read at most: 100,000 models, far more than the hub holds, and a bound if a token never ends. */
const MAX_HUB_PAGES = 1000;

/**
 * Reads the model ids this account and region offer: Bedrock foundation models
 * (ListFoundationModels, one response) and the models of the SageMaker public hub
 * (ListHubContents on SageMakerPublicHub, every page), as a catalog to write to known-models.json.
 */
export async function readModelCatalog(options: ReadModelCatalogOptions): Promise<Omit<ModelCatalog, 'file'>> {
  const { bedrock, sagemaker, region } = options;
  const listed = await call('ListFoundationModels', () => bedrock.send(new ListFoundationModelsCommand({})));
  const bedrockIds = (listed.modelSummaries ?? []).flatMap((model) => (model.modelId ? [model.modelId] : []));

  const hubNames: string[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_HUB_PAGES; page++) {
    const response = await call('ListHubContents', () =>
      sagemaker.send(new ListHubContentsCommand({ HubName: PUBLIC_HUB, HubContentType: 'Model', MaxResults: 100, ...(token ? { NextToken: token } : {}) })),
    );
    hubNames.push(...(response.HubContentSummaries ?? []).flatMap((content) => (content.HubContentName ? [content.HubContentName] : [])));
    token = response.NextToken;
    if (!token || tokens.has(token)) break;
    tokens.add(token);
  }
  if (bedrockIds.length === 0) {
    throw new ModelCatalogReadError(`ListFoundationModels returned no model in ${region}; choose a region where Amazon Bedrock is available with --region`, 'IncompleteResponse');
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return {
    date: today,
    origin: 'discover',
    sources: [`Amazon Bedrock ListFoundationModels in ${region} on ${today}`, `SageMaker ListHubContents of ${PUBLIC_HUB} (Model) in ${region} on ${today}`],
    checkUnmatched: ['bedrock', 'publicHub'],
    bedrock: bedrockIds,
    publicHub: hubNames,
  };
}

/** Runs an AWS call and turns its failure into a ModelCatalogReadError that says what to do. */
async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const said = error instanceof Error ? error.message : String(error);
    throw new ModelCatalogReadError(`${operation} failed: ${advice(name)} (AWS said: ${name}: ${said})`, name);
  }
}

function advice(name: string): string {
  switch (name) {
    case 'AccessDeniedException':
      return (
        'access denied. discover --models needs bedrock:ListFoundationModels and sagemaker:ListHubContents; ' +
        'where an SCP blocks the SageMaker public hub (jumpstart.publicHub: block), run it as a principal the block exempts, or in an account it does not reach'
      );
    case 'ThrottlingException':
      return 'AWS kept throttling the requests after every retry; run again later, or raise --max-attempts';
    case 'CredentialsProviderError':
      return 'no AWS credentials found; set AWS_PROFILE or the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables, or sign in with "aws sso login"';
    default:
      return 'AWS returned an error';
  }
}
