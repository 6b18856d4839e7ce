#!/usr/bin/env python3
"""Times one small API call (the dataset listing) three ways, for Benchmarks/service.sh.

Run as the lake's owner. Two kinds of numbers:

- `medlake datasets --json` as a whole process, start to exit: in-process (no service answering), through
  the lake service's Unix socket, and over TCP+TLS with a bearer token. What a person or a script pays
  per command; process start is most of it.
- `GET /v1/datasets` over one kept-alive connection, in a loop in this one process: the service's own
  request latency over the Unix socket and over TLS, without process start. Python's http.client adds a
  few tens of microseconds per request to both.

The CLI runs alternate between the socket and TLS each round, so both see the same load; in-process
runs first, before the service starts.
"""

import argparse
import http.client
import os
import socket
import ssl
import statistics
import subprocess
import sys
import time


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP/1.1 over a Unix socket (http.client speaks TCP only)."""

    def __init__(self, path):
        super().__init__("lake")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def percentiles(samples):
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, len(ordered) * 99 // 100)]


def run_cli(binary, lake, environment):
    start = time.perf_counter()
    done = subprocess.run(
        [binary, "datasets", "--json", "--lake", lake], env=environment, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.startswith(b"["):
        sys.exit(f"datasets --json --lake {lake} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def keep_alive(connection, requests, headers):
    """Latencies of `requests` GETs on one connection; fails if the service closes it in between."""
    samples = []
    connection.request("GET", "/v1/datasets", headers=headers)  # connects (and shakes hands) outside the timing
    connection.getresponse().read()
    sock = connection.sock
    for _ in range(requests):
        start = time.perf_counter()
        connection.request("GET", "/v1/datasets", headers=headers)
        response = connection.getresponse()
        body = response.read()
        samples.append(time.perf_counter() - start)
        if response.status != 200 or not body.startswith(b'{"'):
            sys.exit(f"GET /v1/datasets answered {response.status}: {body[:200]!r}")
    if connection.sock is not sock:
        sys.exit("the service closed the kept-alive connection")
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--lake", required=True)
    parser.add_argument("--phase", choices=["in-process", "served"], required=True)
    parser.add_argument("--url")
    parser.add_argument("--ca-file")
    parser.add_argument("--token")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--requests", type=int, default=5000)
    arguments = parser.parse_args()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MEDLAKE_")}

    if arguments.phase == "in-process":
        socket_path = os.path.join(arguments.lake, "medlake.sock")
        if os.path.exists(socket_path):
            sys.exit(f"{socket_path} exists: stop the service before timing in-process calls")
        run_cli(arguments.binary, arguments.lake, environment)
        samples = [run_cli(arguments.binary, arguments.lake, environment) for _ in range(arguments.runs)]
        print(f"cli in-process {arguments.runs} {' '.join(f'{s:.6f}' for s in percentiles(samples))}")
        return

    remote = dict(environment, MEDLAKE_TOKEN=arguments.token, MEDLAKE_CA_FILE=arguments.ca_file)
    run_cli(arguments.binary, arguments.lake, environment)
    run_cli(arguments.binary, arguments.url, remote)
    unix, tls = [], []
    for _ in range(arguments.runs):
        unix.append(run_cli(arguments.binary, arguments.lake, environment))
        tls.append(run_cli(arguments.binary, arguments.url, remote))
    print(f"cli socket {arguments.runs} {' '.join(f'{s:.6f}' for s in percentiles(unix))}")
    print(f"cli tls {arguments.runs} {' '.join(f'{s:.6f}' for s in percentiles(tls))}")

    raw_unix = keep_alive(UnixHTTPConnection(os.path.join(arguments.lake, "medlake.sock")), arguments.requests, {})
    host, port = arguments.url.removeprefix("https://").rsplit(":", 1)
    context = ssl.create_default_context(cafile=arguments.ca_file)
    raw_tls = keep_alive(
        http.client.HTTPSConnection(host, int(port), context=context), arguments.requests,
        {"Authorization": "Bearer " + arguments.token})
    print(f"raw socket {arguments.requests} {' '.join(f'{s:.6f}' for s in percentiles(raw_unix))}")
    print(f"raw tls {arguments.requests} {' '.join(f'{s:.6f}' for s in percentiles(raw_tls))}")
    print(f"# mean keep-alive request: socket {statistics.mean(raw_unix) * 1e6:.0f} µs, "
          f"TLS {statistics.mean(raw_tls) * 1e6:.0f} µs", file=sys.stderr)


if __name__ == "__main__":
    main()
