import type { CrmModule } from "./contract";

/**
 * Extension points, by name, with the shape of one contribution to each. The module that owns a
 * point declares it by declaration merging (accounts declares `activityLinks`; search and analytics
 * will declare theirs), other modules contribute through their manifest's `contributes`, and the
 * owner reads only the contributions of the modules that are enabled: a disabled contributor leaves
 * nothing behind, and neither side imports the other.
 *
 *   declare module "../../src/modules/contributions" {
 *     interface ContributionPoints { activityLinks: ActivityLinkSource }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ContributionPoints {}

export type ContributionPoint = keyof ContributionPoints;

/** A module's contributions: a list per extension point. */
export type ModuleContributions = { [P in ContributionPoint]?: ContributionPoints[P][] };

/** The contributions of the enabled modules, by point. */
export class Contributions {
  private readonly byPoint = new Map<string, unknown[]>();

  constructor(modules: Pick<CrmModule, "contributes">[]) {
    for (const module of modules) {
      for (const [point, items] of Object.entries(module.contributes ?? {})) {
        this.byPoint.set(point, [...(this.byPoint.get(point) ?? []), ...(items as unknown[])]);
      }
    }
  }

  of<P extends ContributionPoint>(point: P): ContributionPoints[P][] {
    return (this.byPoint.get(point) ?? []) as ContributionPoints[P][];
  }
}
