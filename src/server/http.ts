import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { Context } from "../context";

const MAX_BODY_BYTES = 1024 * 1024;
/** Past this much of an oversized body the connection is cut rather than read to its end. */
const MAX_DISCARDED_BYTES = 16 * MAX_BODY_BYTES;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * The request body, up to MAX_BODY_BYTES. A larger one is read to its end and thrown away, so the
 * client, still sending, gets its 413 instead of a reset connection; only a huge one is cut short.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DISCARDED_BYTES) req.destroy();
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * `/graphql` over plain node:http, handed to Apollo's own GraphQL-over-HTTP handling (GET and
 * POST, content negotiation including application/graphql-response+json).
 */
export async function handleGraphQL(
  apollo: ApolloServer<Context>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<Context>,
): Promise<void> {
  try {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    let body: unknown = undefined;
    if (req.method === "POST") {
      const raw = await readBody(req);
      const type = headers.get("content-type") ?? "";
      if (type.includes("json")) {
        try {
          body = raw === "" ? {} : JSON.parse(raw);
        } catch {
          throw new HttpError(400, "request body is not valid JSON");
        }
      } else body = raw;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
      context,
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  } catch (error) {
    if (error instanceof HttpError) {
      return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST" } }] });
    }
    console.error("HTTP handler failed:", error);
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
    else res.end();
  }
}
