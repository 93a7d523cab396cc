import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type ASTVisitor,
  type FieldNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { ErrorCode } from "../errors";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./connection";

/**
 * Bounds how much an operation may make the gateway produce, counted as GitHub counts nodes: every
 * field costs 1, and what is selected under a paged field counts once per row of its page: `first`
 * when written out, its maximum (MAX_PAGE_SIZE) when it comes from a variable, the default page size
 * when the field pages and `first` is absent. `accounts(first: 100)` with ten fields of each account
 * costs about 1,200; pages inside pages multiply, as they do in the database.
 */
export function queryCostRule(maxCost: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const root = context.getSchema().getRootType(operation.operation);
      const cost = costOf(context, root ?? undefined, operation.selectionSet, new Set());
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages (first) or fewer fields`, {
            nodes: [operation],
            extensions: { code: ErrorCode.QueryTooComplex, cost, maxCost },
          }),
        );
      }
    },
  });
}

/** Rows a field's selection stands for. */
function rowsOf(field: FieldNode, pages: boolean): number {
  const first = field.arguments?.find((a) => a.name.value === "first");
  if (!first) return pages ? DEFAULT_PAGE_SIZE : 1;
  if (first.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  return MAX_PAGE_SIZE;
}

function costOf(context: ValidationContext, parent: GraphQLNamedType | undefined, set: SelectionSetNode, fragmentsOnPath: ReadonlySet<string>): number {
  const schema = context.getSchema();
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : parent;
      cost += costOf(context, type, selection.selectionSet, fragmentsOnPath);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // graphql's own NoFragmentCyclesRule refuses a cycle; here it must only not recurse forever.
      if (!fragment || fragmentsOnPath.has(name)) continue;
      const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
      cost += costOf(context, type, fragment.selectionSet, new Set([...fragmentsOnPath, name]));
    } else {
      cost += 1;
      if (!selection.selectionSet) continue;
      const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      const pages = definition?.args.some((a) => a.name === "first") ?? false;
      cost += rowsOf(selection, pages) * costOf(context, definition ? getNamedType(definition.type) : undefined, selection.selectionSet, fragmentsOnPath);
    }
  }
  return cost;
}
