/**
 * The floor for `npm run bench:server`: a bare node:http server that reads the
 * request body and answers a constant JSON verdict, with no framework, no
 * validation and no lint. Driven by the same load generator on the same cores,
 * it shows the most any Node HTTP service could answer here, so the server's
 * figures can be read against what the machine allows rather than in a vacuum.
 * Prints `{"port": n}` on stdout once listening; one worker per core.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';

const ANSWER = JSON.stringify({ verdict: 'allow', findings: [], locale: 'en', channel: 'sms', ruleset: 'us' });
const workers = Number(process.env.FLOOR_WORKERS ?? availableParallelism());

if (cluster.isPrimary && workers > 1) {
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (m: { port: number }) => {
      if (++ready === workers) console.log(JSON.stringify({ port: m.port }));
    });
  }
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill();
    process.exit(0);
  });
} else {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    });
  });
  // Workers share the primary's port: the first to listen on 0 fixes it for the rest.
  server.listen(Number(process.env.FLOOR_PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    if (process.send) process.send({ port });
    else console.log(JSON.stringify({ port }));
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
