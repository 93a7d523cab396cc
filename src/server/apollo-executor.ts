import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { Context } from "../context";
import type { GraphQLExecutor } from "../graphql/executor";

type Gateway = ApolloServerOptionsWithGateway<Context>["gateway"];

/**
 * Apollo Server 5 takes no executor of its own; its `gateway` option is the documented way to run
 * operations with one (Apollo Gateway uses it). This one serves our schema as it is and never
 * changes it. Apollo still parses, validates (our limits included), resolves the operation and
 * formats the errors; only execution is handed over. The variables go as the client sent them and
 * the operation name as it asked, as Apollo hands them to graphql-js `execute`.
 */
export function executorGateway(schema: GraphQLSchema, executor: GraphQLExecutor): Gateway {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    load: async () => ({
      executor: (request) =>
        executor.execute({
          schema,
          document: request.document,
          operationName: request.request.operationName,
          variableValues: request.request.variables,
          contextValue: request.context,
        }),
    }),
    stop: async () => undefined,
  };
}
