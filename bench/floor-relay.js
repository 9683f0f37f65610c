// The floor of the bench: the cheapest relay the load generator accepts. It forwards every update and
// awareness message as the same bytes to the other sockets of its path, answers a sync step 1 with an empty
// step 2, and knows nothing else: no Yjs, no storage, no access checks, no limits. Run under the same load
// and pinning as the two relays, it shows what the generator, the kernel and the machine cost by
// themselves: a target below its latency is out of reach for any relay on this machine.

import http from 'node:http';
import { WebSocketServer } from 'ws';

const EMPTY_STEP1 = Uint8Array.of(0, 0, 1, 0); // sync, step 1, state vector of zero clients
const EMPTY_STEP2 = Uint8Array.of(0, 1, 2, 0, 0); // sync, step 2, an empty update
const rooms = new Map();
const server = http.createServer((_req, res) => res.end('floor relay'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (ws, req) => {
  const path = (req.url ?? '/').split('?')[0];
  let room = rooms.get(path);
  if (!room) rooms.set(path, (room = new Set()));
  room.add(ws);
  ws.on('close', () => room.delete(ws));
  ws.send(EMPTY_STEP1);
  ws.on('message', (data) => {
    if (data[0] === 0 && data[1] === 0) return void ws.send(EMPTY_STEP2);
    if (data[0] === 0 && data[1] === 1) return; // the answer to our step 1
    for (const other of room) if (other !== ws) other.send(data);
  });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
