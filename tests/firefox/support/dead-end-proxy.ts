import net from 'node:net';

/**
 * Firefox's HTTP and HTTPS proxy during the tests: a local server that writes down what it was
 * asked for and answers 502, so nothing it is handed leaves the machine. The BiDi interception in
 * chatgpt-server.ts sees the tabs' requests but not the background page's; those reach this proxy
 * instead (a `CONNECT host:443` for https), and the tests fail when it saw anything.
 */
export type DeadEndProxy = {
  port: number;
  /** The request lines it was sent: `CONNECT example.org:443`, `GET http://example.org/ …`. */
  readonly asked: readonly string[];
  close(): Promise<void>;
};

export async function startDeadEndProxy(): Promise<DeadEndProxy> {
  const asked: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\r\n')) return;
      head += chunk.toString('latin1');
      if (!head.includes('\r\n')) return;
      asked.push(head.slice(0, head.indexOf('\r\n')).replace(/ HTTP\/1\.[01]$/, ''));
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The test proxy has no TCP port.');
  return {
    port: address.port,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** Firefox preferences that send every http(s) request through the proxy, localhost included. */
export function proxyPrefs(port: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1, // manual
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
}
