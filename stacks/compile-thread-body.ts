/**
 * What the compile thread of synth does (modules/synth-threads/compile-thread.ts), apart from the
 * thread itself: it validates, resolves and compiles the config's bytes, and answers with the
 * compiled governance serialized, with the config's warnings. The problems of a config that cannot
 * be used go back as data, located here where the config's text is; any other error goes back as
 * text. stacks/compile-worker.ts runs it from the compile thread's bundle (modules/code-bundle),
 * or from these modules when there is no current bundle.
 */
import { ConfigError, loadConfigBytes } from '../modules/config';
import { compileGovernance, PolicyCompileError } from '../modules/policy';
import type { CompiledOnThread, CompileThreadData, CompileThreadReply, CompileThreadRequest } from '../modules/synth-threads';
import { compiledForThreads } from './compiled-transfer';

/**
 * The answer of the compile thread for `data`, once the main thread's `request` (the YAML parsed
 * ahead) has come; `code` says how the thread loaded this code.
 */
export async function compileForThread(data: CompileThreadData, request: Promise<CompileThreadRequest>, code: CompiledOnThread['code']): Promise<CompileThreadReply> {
  try {
    const { yaml } = await request;
    const { governance, warnings } = loadConfigBytes(data.configBytes, data.configFile, yaml);
    const compiled = await compileGovernance(governance);
    return { kind: 'compiled', compiled: compiledForThreads(compiled), warnings, code };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'config-problems', problems: error.described, unlisted: error.unlisted };
    if (error instanceof PolicyCompileError) return { kind: 'policy-problems', problems: error.problems };
    if (error instanceof Error) return { kind: 'failed', message: `${error.name}: ${error.message}`, stack: error.stack };
    return { kind: 'failed', message: String(error) };
  }
}
