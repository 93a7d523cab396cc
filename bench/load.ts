import autocannon from "autocannon";

/**
 * The load generator: a child process of bench/run.ts, so autocannon does not share an event loop
 * with the gateway it measures. It gets one job over IPC, runs it, and answers with a summary.
 */
export interface LoadJob {
  /** the server's origin, e.g. http://127.0.0.1:4000 */
  origin: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** "rotate": GETs of `paths` or POSTs of `bodies`, in turn; "createThenDispatch": createLead, then dispatchLead of the lead it made */
  kind: "rotate" | "createThenDispatch";
  path: string;
  paths?: string[];
  bodies?: string[];
  createBody?: string;
  /** requests per second over all connections, when the load is to be held at a rate rather than as fast as the server answers */
  overallRate?: number;
}

export interface LoadSummary {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** responses with 2xx whose body carried GraphQL `errors` */
  graphqlErrors: number;
}

function run(job: LoadJob): Promise<LoadSummary> {
  let turn = 0;
  let graphqlErrors = 0;
  const check = (_status: number, body: string) => {
    if (body.includes('"errors"')) graphqlErrors++;
  };
  const requests: autocannon.Request[] =
    job.kind === "rotate"
      ? [
          {
            method: job.bodies ? "POST" : "GET",
            setupRequest: (req) => {
              turn++;
              return job.bodies ? { ...req, path: job.path, body: job.bodies[turn % job.bodies.length] } : { ...req, path: job.paths![turn % job.paths!.length] };
            },
            onResponse: check,
          },
        ]
      : [
          {
            method: "POST",
            path: job.path,
            body: job.createBody,
            onResponse: (status, body, context) => {
              check(status, body);
              (context as { leadId?: string }).leadId = /"id":"(\d+)"/.exec(body)?.[1];
            },
          },
          {
            method: "POST",
            path: job.path,
            setupRequest: (req, context) => ({ ...req, body: JSON.stringify({ query: "mutation($id: ID!) { dispatchLead(id: $id) { id status owner { id } } }", variables: { id: (context as { leadId?: string }).leadId } }) }),
            onResponse: check,
          },
        ];
  return new Promise((resolve, reject) => {
    autocannon(
      { url: job.origin, connections: job.connections, duration: job.durationSeconds, headers: job.headers, requests, ...(job.overallRate ? { overallRate: job.overallRate } : {}) },
      (error, result) => {
        if (error) return reject(error);
        const total = result.requests.total;
        resolve({
          requests: total,
          requestsPerSecond: Math.round((total / result.duration) * 10) / 10,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          graphqlErrors,
        });
      },
    );
  });
}

process.once("message", (job: LoadJob) => {
  run(job).then(
    (summary) => process.send!(summary, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
