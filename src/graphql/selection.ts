import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/** The part of a resolver's `info` a selection is read from (graphql-js and compiled executors both give it). */
export type SelectionInfo = Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">;

/**
 * The names of the fields selected under `path` below the resolver's field (fragments and inline
 * fragments included, aliases resolved to field names): `[]` for the field's own object, `["edges",
 * "node"]` for the nodes of a connection. Each field of a document is read once: the answer is kept
 * per field node, which a parsed document keeps for its lifetime.
 */
export function selectedFields(info: SelectionInfo, path: readonly string[] = []): ReadonlySet<string> {
  const single = info.fieldNodes.length === 1 ? info.fieldNodes[0] : null;
  const key = path.length === 0 ? "" : path.length === 1 ? path[0] : path.join(".");
  if (single) {
    const known = cache.get(single)?.get(key);
    if (known) return known;
  }
  const names = new Set<string>();
  for (const node of info.fieldNodes) collect(node.selectionSet, path, 0, info.fragments, names);
  if (single) {
    let perPath = cache.get(single);
    if (!perPath) cache.set(single, (perPath = new Map()));
    perPath.set(key, names);
  }
  return names;
}

const cache = new WeakMap<FieldNode, Map<string, ReadonlySet<string>>>();

function collect(
  set: SelectionSetNode | undefined,
  path: readonly string[],
  depth: number,
  fragments: Record<string, FragmentDefinitionNode>,
  into: Set<string>,
): void {
  if (!set) return;
  for (const selection of set.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        if (depth === path.length) into.add(selection.name.value);
        else if (selection.name.value === path[depth]) collect(selection.selectionSet, path, depth + 1, fragments, into);
        break;
      case Kind.INLINE_FRAGMENT:
        collect(selection.selectionSet, path, depth, fragments, into);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments[selection.name.value];
        if (fragment) collect(fragment.selectionSet, path, depth, fragments, into);
        break;
      }
    }
  }
}
