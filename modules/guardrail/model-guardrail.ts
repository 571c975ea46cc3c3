import { BedrockGuardrail } from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { BedrockGuardrailVersion } from '@cdktf/provider-aws/lib/bedrock-guardrail-version';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** NONE, LOW, MEDIUM or HIGH. */
export type GuardrailFilterStrength = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';

/** One content filter: a category and how strictly prompts and responses are filtered. */
export interface GuardrailContentFilter {
  /** HATE, INSULTS, SEXUAL, VIOLENCE, MISCONDUCT or PROMPT_ATTACK. */
  readonly type: string;
  readonly inputStrength: GuardrailFilterStrength;
  readonly outputStrength: GuardrailFilterStrength;
}

/** A topic the guardrail refuses. */
export interface GuardrailDeniedTopic {
  readonly name: string;
  readonly definition: string;
  /** Example prompts of the topic. @default none */
  readonly examples?: readonly string[];
}

/** A PII entity type and what happens when it is found. */
export interface GuardrailPiiEntity {
  readonly type: string;
  readonly action: 'BLOCK' | 'ANONYMIZE';
}

/** What users see when a prompt or a response is blocked, unless the config says otherwise. */
export const DEFAULT_BLOCKED_INPUT_MESSAGE = 'Sorry, this request is not allowed by our usage policy for AI models.';
export const DEFAULT_BLOCKED_OUTPUT_MESSAGE = 'Sorry, the answer was withheld because it conflicts with our usage policy for AI models.';

export interface ModelGuardrailProps {
  /** The guardrail name. */
  readonly name: string;
  /** @default none */
  readonly description?: string;
  /** @default none */
  readonly contentFilters?: readonly GuardrailContentFilter[];
  /** @default none */
  readonly deniedTopics?: readonly GuardrailDeniedTopic[];
  /** @default none */
  readonly piiEntities?: readonly GuardrailPiiEntity[];
  /** @default DEFAULT_BLOCKED_INPUT_MESSAGE */
  readonly blockedInputMessage?: string;
  /** @default DEFAULT_BLOCKED_OUTPUT_MESSAGE */
  readonly blockedOutputMessage?: string;
  /** Description of the published version. */
  readonly versionDescription: string;
  /** Provider of the account that holds the guardrail. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * An Amazon Bedrock guardrail and its published version. Any change to the guardrail publishes a
 * new version; earlier versions are kept (skip_destroy), so applications pinned to them keep working.
 */
export class ModelGuardrail extends Construct {
  readonly guardrail: BedrockGuardrail;
  readonly version: BedrockGuardrailVersion;

  constructor(scope: Construct, id: string, props: ModelGuardrailProps) {
    super(scope, id);
    const { provider } = props;
    const filters = props.contentFilters ?? [];
    const topics = props.deniedTopics ?? [];
    const pii = props.piiEntities ?? [];
    this.guardrail = new BedrockGuardrail(this, 'guardrail', {
      name: props.name,
      ...(props.description !== undefined ? { description: props.description } : {}),
      blockedInputMessaging: props.blockedInputMessage ?? DEFAULT_BLOCKED_INPUT_MESSAGE,
      blockedOutputsMessaging: props.blockedOutputMessage ?? DEFAULT_BLOCKED_OUTPUT_MESSAGE,
      ...(filters.length > 0
        ? { contentPolicyConfig: [{ filtersConfig: filters.map((f) => ({ type: f.type, inputStrength: f.inputStrength, outputStrength: f.outputStrength })) }] }
        : {}),
      ...(topics.length > 0
        ? {
            topicPolicyConfig: [
              {
                topicsConfig: topics.map((t) => ({ name: t.name, definition: t.definition, type: 'DENY', ...(t.examples && t.examples.length > 0 ? { examples: [...t.examples] } : {}) })),
              },
            ],
          }
        : {}),
      ...(pii.length > 0 ? { sensitiveInformationPolicyConfig: [{ piiEntitiesConfig: pii.map((p) => ({ type: p.type, action: p.action })) }] } : {}),
      provider,
    });
    this.version = new BedrockGuardrailVersion(this, 'version', {
      guardrailArn: this.guardrail.guardrailArn,
      description: props.versionDescription,
      skipDestroy: true,
      // A plain resource address, the form Terraform's JSON syntax documents for lifecycle references.
      lifecycle: { replaceTriggeredBy: [`${BedrockGuardrail.tfResourceType}.${this.guardrail.friendlyUniqueId}`] },
      provider,
    });
  }
}
