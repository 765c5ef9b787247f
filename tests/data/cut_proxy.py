#!/usr/bin/python3
"""A TCP proxy that plays a database server dying in the middle of a reply,
for tests/e2e/servers_*.sh: it relays one connection at a time between the client
and 127.0.0.1:UPSTREAM and, once LIMIT bytes have come from the server in one
connection, drops both sockets at once (LIMIT 0: never).  After each
connection it writes the number of server bytes it relayed to COUNT_FILE.

Usage: cut_proxy.py LISTEN_PORT UPSTREAM_PORT LIMIT COUNT_FILE
"""
import select, socket, sys

listen_port, up_port, limit, count_file = (int(sys.argv[1]), int(sys.argv[2]),
                                           int(sys.argv[3]), sys.argv[4])
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", listen_port))
ls.listen(4)
while True:
    c, _ = ls.accept()
    u = socket.create_connection(("127.0.0.1", up_port))
    got = 0
    try:
        while True:
            r, _, _ = select.select([c, u], [], [])
            if c in r:
                b = c.recv(65536)
                if not b:
                    break
                u.sendall(b)
            if u in r:
                b = u.recv(65536)
                if not b:
                    break
                if limit and got + len(b) >= limit:
                    c.sendall(b[:limit - got])
                    got = limit
                    break
                got += len(b)
                c.sendall(b)
    except OSError:
        pass
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
    c.close()
    u.close()
    with open(count_file, "w") as f:
        f.write("%d\n" % got)
