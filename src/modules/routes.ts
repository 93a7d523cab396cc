import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphQLError } from "graphql";
import { authenticate } from "../auth/authenticate";
import { createContext, type Services } from "../context";
import { clientAddress } from "../server/http";
import type { CrmModule, HttpResponse } from "./contract";

const json = (status: number, body: object): HttpResponse => ({ status, contentType: "application/json", body: JSON.stringify(body) });

/**
 * The modules' HTTP routes (CrmModule.routes): `serve(req, res, path)` answers a request one of them
 * matches and returns its promise (the gateway waits for it at shutdown), or null for the gateway's
 * own routes. A missing or refused credential is 401; a failure of the route 500, logged.
 */
export function moduleRoutes(modules: CrmModule[], services: Services) {
  const routes = modules.flatMap((m) => m.routes ?? []);
  return (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> | null => {
    for (const route of routes) {
      const match = req.method === route.method ? route.path.exec(path) : null;
      if (!match) continue;
      return (async () => {
        let answer: HttpResponse;
        try {
          const viewer = await authenticate(services.config, services.db, req.headers.authorization);
          answer = viewer ? await route.handle(createContext(services, viewer, clientAddress(req)), match.slice(1)) : json(401, { error: "a bearer token is required" });
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === "UNAUTHENTICATED") answer = json(401, { error: error.message });
          else {
            console.error(`${req.method} ${path} failed:`, error);
            answer = json(500, { error: "internal server error" });
          }
        }
        res.writeHead(answer.status, { "content-type": answer.contentType, ...answer.headers });
        res.end(answer.body);
      })();
    }
    return null;
  };
}
