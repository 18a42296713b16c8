/**
 * The runtime plugins a remote loader gives Module Federation: one on its own instance (entry
 * integrity, lifecycle stages) and one for every instance, the remotes' included (the shared
 * singleton guard).
 */
import type { ModuleFederationRuntimePlugin } from '@module-federation/enhanced/runtime';
import { messageOf } from '../errors/messageOf';
import type { LoadStage, SharedProblem } from './classifyFailure';

/**
 * Gives each registered remote's entry script the registry's SRI hash and
 * `crossorigin="anonymous"`, so the browser refuses an entry whose bytes differ from what was
 * published; the entry in turn carries the SRI hashes of the remote's chunks
 * (webpack-subresource-integrity), completing the chain. Its other hooks note which lifecycle
 * stage failed, for the error card.
 */
export function createIntegrityPlugin(options: {
  /** The expected SRI of an entry URL; `known: false` for a URL the loader did not register. */
  integrityOf: (url: string) => { known: boolean; integrity?: string };
  timeoutMs: number;
  onStageFailed: (remoteName: string, stage: LoadStage) => void;
}): ModuleFederationRuntimePlugin {
  const { integrityOf, timeoutMs, onStageFailed } = options;
  return {
    name: 'portico-shell',
    createScript({ url }) {
      const { known, integrity } = integrityOf(url);
      if (!known) return undefined;
      const script = document.createElement('script');
      script.src = url;
      script.crossOrigin = 'anonymous';
      if (integrity) script.integrity = integrity;
      return { script, timeout: timeoutMs };
    },
    // Preloading would fetch chunks with plain <script> tags, bypassing every check above.
    beforePreloadRemote(args) {
      args.preloadOps.length = 0;
    },
    async afterLoadEntry(args) {
      if (args.error) onStageFailed(args.remoteInfo.name, 'entry');
    },
    async afterInitRemote(args) {
      if (args.error) onStageFailed(args.remoteInfo.name, 'init');
    },
    async afterGetExpose(args) {
      if (args.error) onStageFailed(args.moduleInfo.name, 'expose');
    },
    async afterExecuteFactory(args) {
      if (args.error) onStageFailed(args.moduleInfo.name, 'factory');
    },
  };
}

const SINGLETON_MISMATCH = /Version (\S+) from \S+ of shared singleton module/;

/**
 * For every federation instance, the remotes' included (so it is registered as a global
 * plugin): a remote may only use a shared singleton whose version satisfies what it requires.
 * Module Federation merely warns by default and hands over the shell's copy anyway, which breaks
 * in ways no error card can explain. Each loader registers one under a name of its own, and
 * hears only of the remotes it registered.
 */
export function createSharedGuardPlugin(options: {
  /** Unique among global plugins: the runtime keeps only the first plugin of a name. */
  pluginName: string;
  /** The shell's container name: its own shared modules are not guarded. */
  shellName: string;
  owns: (remoteName: string) => boolean;
  onSharedProblem: (remoteName: string, problem: SharedProblem) => void;
}): ModuleFederationRuntimePlugin {
  const { pluginName, shellName, owns, onSharedProblem } = options;
  return {
    name: pluginName,
    async beforeLoadShare(args) {
      const { shareInfo } = args;
      const shareConfig = shareInfo?.shareConfig;
      if (!shareInfo || !shareConfig || args.origin.name === shellName || !shareConfig.singleton) {
        return args;
      }
      return { ...args, shareInfo: { ...shareInfo, shareConfig: { ...shareConfig, strictVersion: true } } };
    },
    errorLoadShare(args) {
      const name = args.origin.name;
      if (name === shellName || !args.error || !owns(name)) return;
      const required = args.shareInfo?.shareConfig?.requiredVersion;
      onSharedProblem(name, {
        pkgName: args.pkgName,
        requiredVersion: typeof required === 'string' ? required : String(required),
        providedVersion: SINGLETON_MISMATCH.exec(messageOf(args.error))?.[1],
      });
    },
  };
}
