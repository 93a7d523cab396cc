import type { IRules } from "graphql-shield";
import { allModules } from "../modules";
import { coreModule } from "./core.module";
import type { CrmModule } from "./modules/contract";

/**
 * Composes the enabled modules (CRM_MODULES, default all) in dependency order, core first.
 * A configuration that enables a module without what it requires is refused.
 */
export function composeModules(enabled: string[] | null, available: CrmModule[] = allModules): CrmModule[] {
  const byName = new Map(available.map((m) => [m.name, m]));
  const wanted = enabled ?? available.map((m) => m.name);
  for (const name of wanted) if (!byName.has(name)) throw new Error(`CRM_MODULES: unknown module "${name}" (known: ${[...byName.keys()].join(", ")})`);
  for (const name of wanted) {
    const missing = byName.get(name)!.requires.filter((r) => !wanted.includes(r));
    if (missing.length > 0) throw new Error(`CRM_MODULES: module "${name}" requires ${missing.map((m) => `"${m}"`).join(", ")}, which is not enabled`);
  }
  const ordered: CrmModule[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.some((m) => m.name === name)) return;
    if (path.includes(name)) throw new Error(`modules depend on each other in a cycle: ${[...path, name].join(" -> ")}`);
    const module = byName.get(name)!;
    for (const r of module.requires) visit(r, [...path, name]);
    ordered.push(module);
  };
  for (const name of wanted) visit(name, []);
  return [coreModule, ...ordered];
}

/** Merges the modules' rule fragments into one map; two modules guarding the same field is an error. */
export function mergeRules(modules: CrmModule[]): IRules {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const module of modules) {
    for (const [type, rule] of Object.entries(module.rules as Record<string, unknown>)) {
      const fields = isFieldMap(rule) ? rule : { "*": rule };
      const target = (merged[type] ??= {});
      for (const [field, fieldRule] of Object.entries(fields)) {
        if (field in target) throw new Error(`rule for ${type}.${field} is declared twice (module ${module.name})`);
        target[field] = fieldRule;
      }
    }
  }
  return merged as IRules;
}

function isFieldMap(rule: unknown): rule is Record<string, unknown> {
  return typeof rule === "object" && rule !== null && rule.constructor === Object;
}
