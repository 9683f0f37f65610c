// Local TCP ports for processes the bench and the tests start (relays, a Redis server of a test's own):
// a free port to give them, and whether something accepts connections on one yet.
import net from 'node:net';

/**
 * A port that was free a moment ago on 127.0.0.1 (the OS picks it).
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * True once something on 127.0.0.1 accepts a TCP connection on `port`.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
