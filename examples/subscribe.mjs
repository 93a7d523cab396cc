// Subscribes to leadAssigned and prints each event as one line of JSON on stdout.
//
//   node examples/subscribe.mjs ws://localhost:4000/graphql "$TOKEN"
//
// The token is a login token (or a partner's API key); without the second argument it is read
// from the TOKEN environment variable. Runs on Node 20 as is: Node 20 has no global WebSocket, so
// graphql-ws is given the `ws` package's. Status lines go to stderr; stop it with Ctrl+C.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const url = process.argv[2] ?? "ws://localhost:4000/graphql";
const token = process.argv[3] ?? process.env.TOKEN;
if (!token) {
  console.error("usage: node examples/subscribe.mjs <ws-url> <token>   (or set TOKEN)");
  process.exit(2);
}

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
  // A refused token closes the socket; say so and stop rather than retry.
  retryAttempts: 0,
  on: {
    connected: () => console.error(`connected to ${url}; waiting for lead assignments`),
  },
});

const query = "subscription { leadAssigned { lead { id company status } owner { name } assignedBy { name } assignedAt } }";

try {
  for await (const event of client.iterate({ query })) {
    console.log(JSON.stringify(event));
    if (event.errors) process.exitCode = 1;
  }
} catch (error) {
  // A closed socket rejects with its close event: code 4403 is a refused token, 4401 an expired one.
  const reason = error?.code ? `socket closed with ${error.code} ${error.reason ?? ""}`.trim() : (error?.message ?? String(error));
  console.error(`subscription failed: ${reason}`);
  process.exitCode = 1;
} finally {
  await client.dispose();
}
