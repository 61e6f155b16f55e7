"""A mail server on loopback that accepts everything and logs what it got (one JSON line a message).

    python faults/smtp_sink.py --port 2525 --log received.jsonl

Each line: {"message_id", "to", "subject", "at"}. The invariant checker counts
Message-IDs: the outbox gives every notification a stable one, so a message
delivered twice shows up twice. Stopping this process is "the mail server is down".
"""

import argparse
import asyncio
import json
import signal
import time
from email import message_from_bytes
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path: str):
        self.path = path

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = message_from_bytes(envelope.original_content or envelope.content)
        line = {
            "message_id": message.get("Message-ID", ""),
            "to": envelope.rcpt_tos,
            "subject": str(make_header(decode_header(message.get("Subject", "")))),
            "at": time.time(),
        }
        with open(self.path, "a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    controller = Controller(Recorder(args.log), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
