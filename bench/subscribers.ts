import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/**
 * Many graphql-ws subscribers to `leadAssigned` in one process, apart from the gateway: a child of
 * bench/run.ts. It records when each subscriber received each assignment (wall clock in ms with
 * sub-millisecond precision, comparable with the gateway child's commit times on this machine).
 */
export type SubscribersRequest =
  | { cmd: "connect"; url: string; tokens: string[] }
  | { cmd: "report" }
  | { cmd: "stop" };

export type SubscribersReply =
  | { type: "connected"; connected: number; failed: number }
  /** lead id -> [subscriber index, received at] */
  | { type: "report"; deliveries: Record<string, [number, number][]>; peakRssMb: number };

const SUBSCRIPTION = "subscription { leadAssigned { lead { id } owner { id } assignedAt } }";
const clients: Client[] = [];
const deliveries = new Map<string, [number, number][]>();
let peak = 0;
setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100).unref();

function open(url: string, token: string, index: number): Promise<boolean> {
  return new Promise((resolve) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => resolve(false),
      on: { connected: () => resolve(true), closed: () => resolve(false) },
    });
    clients.push(client);
    client.subscribe<{ leadAssigned: { lead: { id: string } } }>(
      { query: SUBSCRIPTION },
      {
        next: (result) => {
          const at = performance.timeOrigin + performance.now();
          const leadId = result.data?.leadAssigned.lead.id ?? "error";
          let list = deliveries.get(leadId);
          if (!list) deliveries.set(leadId, (list = []));
          list.push([index, at]);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  });
}

const send = (reply: SubscribersReply) => process.send!(reply);

process.on("message", async (request: SubscribersRequest) => {
  if (request.cmd === "connect") {
    let connected = 0;
    let failed = 0;
    // Connect in waves, as a crowd of browsers would, rather than 10,000 handshakes at once.
    for (let i = 0; i < request.tokens.length; i += 200) {
      const wave = await Promise.all(request.tokens.slice(i, i + 200).map((token, j) => open(request.url, token, i + j)));
      for (const ok of wave) ok ? connected++ : failed++;
    }
    send({ type: "connected", connected, failed });
  } else if (request.cmd === "report") {
    send({ type: "report", deliveries: Object.fromEntries(deliveries), peakRssMb: Math.round(peak / 1048576) });
    deliveries.clear();
  } else {
    await Promise.all(clients.map((c) => c.dispose()));
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
