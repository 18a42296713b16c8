import { Config } from '@backstage/config';
import { compilePolicy, CompiledPolicy, formatPath, PolicyConfigIssue } from '../policy/compilePolicy';
import { POLICY_CONFIG_KEY } from '../policy/policyConfig';
import { ConfigLocator } from './locateConfigKey';

const MAX_VALUE_CHARS = 200;

/**
 * `Invalid config at portico.permissions.roles[1].grants[0].permission (app-config.yaml line 87):
 * unknown permission 'catalog.entity.raed'; ...; got "catalog.entity.raed"`
 */
export function describeIssue(issue: PolicyConfigIssue, locate?: ConfigLocator): string {
  const path = [...POLICY_CONFIG_KEY.split('.'), ...issue.path];
  const where = locate?.(path);
  let value = '';
  if (issue.value !== undefined) {
    const text = JSON.stringify(issue.value);
    value = `; got ${text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}...` : text}`;
  }
  return `Invalid config at ${formatPath(path)}${where ? ` (${where.file} line ${where.line})` : ''}: ${issue.message}${value}`;
}

/**
 * Reads and compiles `portico.permissions`. Throws a PolicyConfigError whose message has one
 * line per issue, each naming the key path, the file and line when `locate` finds them, and the
 * value found.
 */
export function readPolicyConfig(config: Config, locate?: ConfigLocator): CompiledPolicy {
  return compilePolicy(config.getOptional(POLICY_CONFIG_KEY), issue => describeIssue(issue, locate));
}
