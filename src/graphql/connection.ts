import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import { Max, Min } from "class-validator";

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, {
  name: "SortDirection",
  description: "The direction of a list's order; rows that tie on the ordered field are ordered by id, in the same direction",
  valuesConfig: {
    ASC: { description: "ascending: smallest, earliest or alphabetically first value first" },
    DESC: { description: "descending: largest, latest or alphabetically last value first" },
  },
});

@ObjectType({ description: "Where a page of a list stands (Relay cursor pagination): pass `endCursor` as `after` to read the next page" })
export class PageInfo {
  @Field(() => Boolean, { description: "whether rows follow this page: ask again with `after: endCursor`" })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: "whether this page was read after a cursor (`after` was given), so rows precede it; lists are read forwards only" })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "the cursor of the page's first row; null when the page is empty" })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "the cursor of the page's last row, to pass as `after` for the next page; null when the page is empty" })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionResult<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** counted only when asked for */
  totalCount: () => Promise<number>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}` })
  @Min(1, { message: "first must be at least 1" })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first?: number;

  @Field(() => String, { nullable: true, description: "the endCursor of the previous page" })
  after?: string;
}

/** A Relay connection type for `node`: `XConnection { edges { cursor node } pageInfo totalCount }`, X the node's GraphQL name when it is not its class's. */
export function Connection<T extends object>(node: ClassType<T>, name = node.name) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor` })
  class EdgeType {
    @Field(() => String, { description: "an opaque cursor for this row: pass it as `after` to read the rows that follow it, with the same filter and order (a cursor of another list is BAD_USER_INPUT on `after`)" })
    cursor: string;

    @Field(() => node, { description: `the ${name}` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of a list of ${name} rows, in the list's order (Relay cursor pagination); it holds only rows the caller may see` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "the rows of this page, at most `first` of them" })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: "whether more rows follow, and the cursors to read them" })
    pageInfo: PageInfo;

    totalCount: () => Promise<number>;

    @Field(() => Int, { name: "totalCount", description: "how many rows the whole list holds with the same filter, across all pages; counted only when selected" })
    countAll(): Promise<number> {
      return this.totalCount();
    }
  }
  return { Edge: EdgeType, Connection: ConnectionType };
}
