#!/usr/bin/env python3
"""SMTP sink for `make run`: every mail Odoo sends is saved as a .eml file.

    python tools/mailcatcher.py --dir .logs/mails [--host 127.0.0.1] [--port 8025]
                                [--port-file FILE] [--exit-with-parent]

Listens on a loopback address only (anything else is refused) and accepts every
message without relaying it anywhere. When --port is taken it takes the next
free port (up to 100 further, then one the system picks) and writes the port it
listens on to --port-file, so tools/serve.sh can hand it to Odoo. Each message
is written to ``<dir>/<date>-<time>-<n>.eml`` (envelope sender and recipients
added as X-Mailcatcher-* headers) and announced on stdout with its To and
Subject. Stops on SIGTERM/SIGHUP (and SIGINT unless it is ignored, as in a
background job of a script), and with --exit-with-parent as soon as the process
that started it is gone.
"""

import argparse
import asyncio
import email
import email.policy
import ipaddress
import os
import signal
import socket
import sys
import time
from pathlib import Path

from aiosmtpd.smtp import SMTP


class EmlFolder:
    """aiosmtpd handler writing each message to a folder of .eml files."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.count = 0

    def _target(self):
        stamp = time.strftime("%Y%m%d-%H%M%S")
        while True:
            self.count += 1
            path = self.folder / f"{stamp}-{self.count:04d}.eml"
            if not path.exists():
                return path

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        envelope_headers = (
            f"X-Mailcatcher-Mail-From: <{envelope.mail_from}>\r\n"
            f"X-Mailcatcher-Rcpt-To: {', '.join(f'<{r}>' for r in envelope.rcpt_tos)}\r\n"
        ).encode("utf-8", "replace")
        path = self._target()
        part = path.with_name(f".{path.name}.part")
        part.write_bytes(envelope_headers + raw)
        os.replace(part, path)  # readers never see a half-written file
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        print(
            f"mailcatcher: {path}  To: {msg.get('To', '')}  Subject: {msg.get('Subject', '')}",
            flush=True,
        )
        return "250 Message accepted for delivery"


def loopback_host(value):
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an IP address") from None
    if not address.is_loopback:
        raise argparse.ArgumentTypeError(f"{value} is not a loopback address")
    return str(address)


def bind(host, first_port, tries=100):
    """A listening socket on host, on first_port or the next free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    ports = [p for p in range(first_port, first_port + tries + 1) if 0 < p < 65536] + [0]
    for port in ports:
        sock = socket.socket(family, socket.SOCK_STREAM)
        # lets a restarted catcher take its port back despite TIME_WAIT
        # connections; two listeners on one port stay impossible on Linux
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            continue
        sock.listen(32)
        sock.setblocking(False)
        return sock
    raise OSError(f"no port to listen on at {host}")


async def serve(args):
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    sock = bind(args.host, args.port)
    port = sock.getsockname()[1]
    handler = EmlFolder(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="mailcatcher.localhost", enable_SMTPUTF8=True),
        sock=sock,
    )
    if args.port_file:
        tmp = Path(f"{args.port_file}.tmp")
        tmp.write_text(f"{port}\n")
        os.replace(tmp, args.port_file)
    print(f"mailcatcher: listening on {args.host}:{port}, writing to {folder}", flush=True)

    stop = asyncio.Event()
    stop_signals = [signal.SIGTERM, signal.SIGHUP]
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        stop_signals.append(signal.SIGINT)
    for sig in stop_signals:
        loop.add_signal_handler(sig, stop.set)
    parent = os.getppid()
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=1)
        except asyncio.TimeoutError:
            if args.exit_with_parent and os.getppid() != parent:
                print("mailcatcher: the process that started me is gone, stopping", flush=True)
                break
    server.close()
    await server.wait_closed()
    print("mailcatcher: stopped", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="folder for the .eml files")
    parser.add_argument("--host", type=loopback_host, default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025, help="first port to try")
    parser.add_argument("--port-file", help="write the port listened on to this file")
    parser.add_argument(
        "--exit-with-parent", action="store_true", help="stop when the parent process is gone"
    )
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args))
    except OSError as exc:
        print(f"mailcatcher: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
