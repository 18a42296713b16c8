import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { metricsServiceRef } from '../../services/MetricsService';
import { createConfigLocator, defaultConfigFiles } from './config/locateConfigKey';
import { readPolicyConfig } from './config/readPolicyConfig';
import { watchConfigSyntax } from './config/watchConfigSyntax';
import { fingerprintOf } from './policy/compilePolicy';
import { createCatalogDomainResolver, memoizeDomainResolver } from './policy/domainResolver';
import { POLICY_CONFIG_KEY } from './policy/policyConfig';
import { createPolicyMetrics } from './policy/policyMetrics';
import { createPolicyAudit } from './policyAudit';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';

/** A domain's systems are looked up again after this long, when the decision cache is off. */
const MIN_DOMAIN_MEMO_MS = 1_000;

export interface PorticoPermissionPolicyModuleOptions {
  /**
   * The YAML files to find the line of an invalid key in; by default the ones Backstage reads
   * (`--config` arguments, or app-config.yaml and its environment and local variants).
   */
  configFiles?: string[];
}

/**
 * Installs Portico's config-driven policy into Backstage's permission backend. An invalid
 * `portico.permissions` stops the backend at start. While running, a changed one (the config
 * files are watched) is applied to the next decision; an invalid change is refused, logged and
 * audited with the key, file and line at fault, and the policy in force stays. A config file
 * that no longer parses as YAML is reported the same way (Backstage itself says nothing).
 */
export function createPorticoPermissionPolicyModule(options: PorticoPermissionPolicyModuleOptions = {}) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'portico-policy',
    register(reg) {
      reg.registerInit({
        deps: {
          policyPoint: policyExtensionPoint,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auditor: coreServices.auditor,
          lifecycle: coreServices.lifecycle,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
          metrics: metricsServiceRef,
        },
        async init({ policyPoint, config, logger, auditor, lifecycle, auth, catalog, metrics }) {
          const files = options.configFiles ?? defaultConfigFiles();
          const locate = createConfigLocator(files);
          const initial = readPolicyConfig(config, locate);
          const policyMetrics = createPolicyMetrics(metrics.registry);
          const audit = createPolicyAudit(auditor, logger);
          const policy: PorticoPermissionPolicy = new PorticoPermissionPolicy(initial, {
            domains: memoizeDomainResolver(createCatalogDomainResolver({ catalog, auth, logger }), () =>
              Math.max(policy.current.cacheTtlMs, MIN_DOMAIN_MEMO_MS),
            ),
            metrics: policyMetrics,
            onDenial: denial => audit.denied(denial),
          });
          policyPoint.setPolicy(policy);
          logger.info(`Permission policy ${initial.fingerprint} in force: ${JSON.stringify(initial.summary)}`);
          audit.applied(initial, 'start');

          let refused: string | undefined;
          const reload = () => {
            const fingerprint = fingerprintOf(config.getOptional(POLICY_CONFIG_KEY));
            // Any config change calls us; only a changed policy (not seen refused already) counts.
            if (fingerprint === policy.current.fingerprint || fingerprint === refused) return;
            const previous = policy.current;
            try {
              const next = readPolicyConfig(config, locate);
              policy.update(next);
              refused = undefined;
              policyMetrics.reloaded('applied');
              logger.info(
                `Permission policy ${next.fingerprint} in force (was ${previous.fingerprint}): ${JSON.stringify(next.summary)}`,
              );
              audit.applied(next, 'change', previous);
            } catch (error) {
              refused = fingerprint;
              policyMetrics.reloaded('refused');
              logger.error(
                `Refused the changed permission policy; policy ${previous.fingerprint} stays in force.\n${(error as Error).message}`,
              );
              audit.refused(error as Error, previous);
            }
          };
          const subscription = config.subscribe?.(reload);
          const stopSyntaxWatch = watchConfigSyntax(files, message => {
            policyMetrics.reloaded('refused');
            logger.error(message);
            audit.refused(new Error(message), policy.current);
          });
          lifecycle.addShutdownHook(() => {
            subscription?.unsubscribe();
            stopSyntaxWatch();
          });
        },
      });
    },
  });
}

/** The module as the backend adds it. */
export const porticoPermissionPolicyModule = createPorticoPermissionPolicyModule();
