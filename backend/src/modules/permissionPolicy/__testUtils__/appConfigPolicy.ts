import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { compilePolicy, CompiledPolicy } from '../policy/compilePolicy';

/** The repository's app-config.yaml, whose `portico.permissions` is Portico's default policy. */
export const APP_CONFIG_FILE = resolve(__dirname, '../../../../../app-config.yaml');

/** `portico.permissions` exactly as app-config.yaml writes it. */
export function appConfigPolicyInput(): unknown {
  return parse(readFileSync(APP_CONFIG_FILE, 'utf8')).portico.permissions;
}

/** Portico's default policy, compiled from app-config.yaml (not a copy of it). */
export function appConfigPolicy(): CompiledPolicy {
  return compilePolicy(appConfigPolicyInput());
}
