import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * What a platform's network does to our calls, set by the test:
 * - `pass`: the call reaches the platform's stand-in behind this front;
 * - `error`: a 502 whose body quotes the request back, URL and headers, as gateways and some
 *   platforms do ("Malformed access token EAAB…"): the worst an error answer can carry;
 * - `hang`: no answer, ever; the socket breaks when the fault changes (a timeout from our side);
 * - `refuse`: nothing listens on the port (connection refused).
 */
export type Fault = 'pass' | 'error' | 'hang' | 'refuse';

/** A local HTTP front before one of the fakes, failing every call it is told to. */
export class FaultyFront {
  private server: Server | null = null;
  private port = 0;
  private fault: Fault = 'pass';
  private readonly hanging = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  /** Calls answered by each fault, to check the traffic really met it. */
  readonly met: Record<Fault, number> = { pass: 0, error: 0, hang: 0, refuse: 0 };

  /** `spare`: calls that always pass (how updates still come in while every call out fails). */
  constructor(
    private readonly target: string,
    private readonly spare: (path: string) => boolean = () => false,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.serve(req, res));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
    this.server = server;
  }

  async set(fault: Fault): Promise<void> {
    const was = this.fault;
    this.fault = fault;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    if (fault === 'refuse' && was !== 'refuse') await this.close();
    if (fault !== 'refuse' && was === 'refuse') await this.start();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const fault = this.spare(req.url ?? '/') ? 'pass' : this.fault;
    this.met[fault] += 1;
    if (fault === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (fault === 'error') {
      const echo = { method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8').slice(0, 2000) };
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 502, description: `Bad Gateway: upstream refused ${req.method} ${req.url}`, error: { message: `upstream refused the request`, request: echo } }));
      return;
    }
    const target = new URL(req.url ?? '/', this.target);
    const forward = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    forward.end(body);
  }
}
