#!/usr/bin/env python3
"""A minimal alvh execution backend in Python, written from docs/protocol.md (version 1) alone.

It shows what a backend in another language must do: a ROUTER that answers every command with
exactly one ack or nack (hello, heartbeat, submit_combo, submit_order, cancel, snapshot_request),
sessions keyed by routing id, idempotent client order ids, a PUB that numbers each topic from 1 and
publishes a `status` heartbeat every interval, and a snapshot whose `sequences` are taken in the
same step as its positions. Every order fills at once at its limit (a toy venue, not a fill model).
Its snapshot also lists the recorded outcomes of the orders that ended last (the optional
`finished_orders`), so a host restarted after a crash adopts a fill it never received instead of
sending the order again.

Needs pyzmq (Debian: python3-zmq). Usage:
    python3 examples/python_backend.py --command-endpoint tcp://127.0.0.1:5555 \
        --event-endpoint tcp://127.0.0.1:5556 --account DU123
Prints "ready command=<endpoint> event=<endpoint>" once bound; stops on SIGTERM/SIGINT.
"""

import argparse
import json
import re
import signal
import sys
import time

import zmq

VERSION = 1
COMMANDS = {"hello", "submit_combo", "submit_order", "cancel", "snapshot_request", "heartbeat"}
KNOWN_TYPES = COMMANDS | {"ack", "nack", "order_event", "fill", "settlement", "quote", "chain"}
MAX_MESSAGE_BYTES = 64 * 1024
FINISHED_ORDERS_KEPT = 32  # outcomes listed in a snapshot's finished_orders, newest last
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Reject(Exception):
    """A protocol rejection: wire code plus message (docs/protocol.md section 6)."""

    def __init__(self, code, message, client_order_id=""):
        super().__init__(message)
        self.code, self.message, self.client_order_id = code, message, client_order_id


def now_ns():
    return time.time_ns()


# ---- field checks: JSON types exactly as section 4 requires --------------------------------------

def need(obj, key, kind, what=None):
    if not isinstance(obj, dict) or obj.get(key) is None:
        raise Reject("missing_field", f"field '{key}' is missing")
    value = obj[key]
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "string": isinstance(value, str),
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
    }[kind]
    if not ok:
        raise Reject("wrong_type", f"field '{key}': expected {what or kind}")
    return value


def need_enum(obj, key, words):
    value = need(obj, key, "string")
    if value not in words:
        raise Reject("wrong_type", f"field '{key}': expected one of {sorted(words)}")
    return value


def check_instrument(i):
    if not isinstance(i, dict):
        raise Reject("wrong_type", "field 'instrument': expected object")
    kind = need_enum(i, "kind", {"option", "future"})
    need(i, "root", "string")
    if not DATE.match(need(i, "expiry", "string")):
        raise Reject("wrong_type", "field 'expiry': expected YYYY-MM-DD")
    need(i, "multiplier", "number")
    if kind == "option":
        need(i, "strike", "number")
        need_enum(i, "right", {"call", "put"})
    return i


def symbol(i):
    if i["kind"] == "future":
        return f"{i['root']} {i['expiry']}"
    strike = i["strike"]
    text = str(int(strike)) if float(strike).is_integer() else f"{strike:g}"
    return f"{i['root']} {i['expiry']} {text}{'C' if i['right'] == 'call' else 'P'}"


def check_client_order_id(payload):
    cid = need(payload, "client_order_id", "string")
    if not 1 <= len(cid) <= 128:
        raise Reject("invalid_payload", "client_order_id must be 1 to 128 characters", cid)
    return cid


def check_combo(order, cid):
    legs = need(order, "legs", "array")
    for leg in legs:
        check_instrument(need(leg, "instrument", "object"))
        need_enum(leg, "side", {"buy", "sell"})
        if need(leg, "ratio", "int") < 1:
            raise Reject("invalid_payload", "leg ratio must be >= 1", cid)
    quantity, limit = need(order, "quantity", "int"), need(order, "limit", "number")
    need_enum(order, "effect", {"credit", "debit"})
    if not 2 <= len(legs) <= 4:
        raise Reject("invalid_payload", "a combo needs 2 to 4 legs", cid)
    if quantity <= 0 or limit <= 0:
        raise Reject("invalid_payload", "quantity and limit must be > 0", cid)


def check_single(order, cid):
    check_instrument(need(order, "instrument", "object"))
    need_enum(order, "side", {"buy", "sell"})
    quantity, limit = need(order, "quantity", "int"), need(order, "limit", "number")
    if quantity <= 0 or limit <= 0:
        raise Reject("invalid_payload", "quantity and limit must be > 0", cid)


def decode_envelope(raw):
    if len(raw) > MAX_MESSAGE_BYTES:
        raise Reject("oversized", f"message of {len(raw)} bytes exceeds {MAX_MESSAGE_BYTES}")
    try:
        env = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Reject("not_json", "not a JSON object")
    if not isinstance(env, dict):
        raise Reject("not_json", "not a JSON object")
    msg_id = env.get("id") if isinstance(env.get("id"), str) else ""
    try:
        if need(env, "version", "int") != VERSION:
            raise Reject("wrong_version", "protocol version 1 only")
        msg_type = need(env, "type", "string")
        if not need(env, "id", "string"):
            raise Reject("missing_field", "field 'id' is empty")
        need(env, "source", "string")
        if need(env, "seq", "int") < 0:
            raise Reject("wrong_type", "field 'seq': expected unsigned integer")
        need(env, "send_time", "int")
        need(env, "payload", "object")
        if msg_type not in KNOWN_TYPES:
            raise Reject("unknown_type", f"unknown message type '{msg_type}'")
        if msg_type not in COMMANDS:
            raise Reject("unknown_type", f"'{msg_type}' is not a command")
    except Reject as r:
        r.msg_id = msg_id
        raise
    return env


class Backend:
    def __init__(self, ctx, command_endpoint, event_endpoint, account, heartbeat_ms, session_timeout_ms, commission=0.65,
                 finished_orders=True, log_orders=False):
        self.commission = commission
        self.finished_orders = finished_orders  # list recent outcomes in snapshots (optional key)
        self.log_orders = log_orders            # one stdout line per submit: new or duplicate
        self.published = {}  # client order id -> the events of its outcome, re-published for a repeat
        self.finished = []   # client order ids in the order they ended
        self.router = ctx.socket(zmq.ROUTER)
        self.pub = ctx.socket(zmq.PUB)
        for s in (self.router, self.pub):
            s.setsockopt(zmq.LINGER, 0)
            s.setsockopt(zmq.SNDHWM, 10000)
            s.setsockopt(zmq.RCVHWM, 10000)
            s.setsockopt(zmq.MAXMSGSIZE, 4 * MAX_MESSAGE_BYTES)
        self.router.bind(command_endpoint)
        self.pub.bind(event_endpoint)
        self.account = account
        self.session = f"pybackend-{now_ns()}"
        self.heartbeat_ns = heartbeat_ms * 1_000_000
        self.session_timeout_ns = session_timeout_ms * 1_000_000
        self.last_heartbeat = now_ns()
        self.sessions = {}   # routing id -> last time heard
        self.replies = {}    # client order id -> (type, payload) of the first answer
        self.orders = {}     # client order id -> order record
        self.positions = {}  # symbol -> position
        self.sequences = {}  # topic -> last seq published
        self.counter = 0

    def endpoints(self):
        return (self.router.getsockopt(zmq.LAST_ENDPOINT).decode(),
                self.pub.getsockopt(zmq.LAST_ENDPOINT).decode())

    def envelope(self, msg_type, payload, correlation_id="", seq=0, event_time=None):
        self.counter += 1
        t = now_ns()
        return json.dumps({"version": VERSION, "type": msg_type, "id": f"{self.session}-{self.counter}",
                           "correlation_id": correlation_id, "source": "pybackend", "seq": seq,
                           "event_time": event_time or t, "send_time": t, "payload": payload}).encode()

    def reply(self, route, msg_type, payload, correlation_id):
        identity, delimiter = route
        frames = [identity] + ([b""] if delimiter else []) + [self.envelope(msg_type, payload, correlation_id)]
        try:
            self.router.send_multipart(frames, zmq.NOBLOCK)
        except zmq.Again:
            pass  # a full queue drops the reply rather than block the loop

    def publish(self, topic, msg_type, payload):
        seq = self.sequences.get(topic, 0) + 1
        self.sequences[topic] = seq
        try:
            self.pub.send_multipart([topic.encode(), self.envelope(msg_type, payload, seq=seq)], zmq.NOBLOCK)
        except zmq.Again:
            pass

    # ---- commands -----------------------------------------------------------------------------

    def handle(self, frames):
        if len(frames) == 2:
            route, body = (frames[0], False), frames[1]
        elif len(frames) == 3 and frames[1] == b"":
            route, body = (frames[0], True), frames[2]
        else:
            self.reply((frames[0], False), "nack", {"code": "bad_frames", "message": "expected one envelope frame"}, "")
            return
        try:
            env = decode_envelope(body)
        except Reject as r:
            self.nack(route, r, getattr(r, "msg_id", ""))
            return
        try:
            self.dispatch(route, env)
        except Reject as r:
            self.nack(route, r, env["id"])

    def nack(self, route, r, correlation_id):
        payload = {"code": r.code, "message": r.message}
        if r.client_order_id:
            payload.update(client_order_id=r.client_order_id, duplicate=False)
        self.reply(route, "nack", payload, correlation_id)

    def dispatch(self, route, env):
        msg_type, payload, identity = env["type"], env["payload"], route[0]
        if msg_type == "hello":
            versions = need(payload, "versions", "array")
            account = payload.get("account", "")
            if VERSION not in versions:
                raise Reject("unsupported_version", "backend speaks protocol version 1 only")
            if self.account and account and account != self.account:
                raise Reject("wrong_account", f"backend trades account '{self.account}'")
            self.sessions[identity] = now_ns()
            self.reply(route, "ack", {"version": VERSION, "account": self.account, "mode": "paper",
                                      "session": self.session, "heartbeat_interval_ms": self.heartbeat_ns // 1_000_000},
                       env["id"])
            return
        if identity not in self.sessions:
            raise Reject("hello_required", "no session: send hello first")
        self.sessions[identity] = now_ns()
        if msg_type == "heartbeat":
            self.reply(route, "ack", {}, env["id"])
        elif msg_type in ("submit_combo", "submit_order"):
            self.submit(route, env)
        elif msg_type == "cancel":
            cid = check_client_order_id(payload)
            state = self.orders.get(cid, {}).get("state", "unknown")
            raise Reject("rejected", f"order '{cid}' is {state}: nothing to cancel", cid)
        elif msg_type == "snapshot_request":
            # Positions and sequence numbers are read in the same step: events after them are newer.
            snapshot = {"account": self.account, "positions": list(self.positions.values()), "open_orders": [],
                        "sequences": dict(self.sequences)}
            if self.finished_orders:
                snapshot["finished_orders"] = [self.outcome_record(cid) for cid in self.finished[-FINISHED_ORDERS_KEPT:]]
            self.reply(route, "ack", snapshot, env["id"])

    def outcome_record(self, cid):
        """A finished order as a snapshot lists it: its terminal order event plus its fills."""
        outcome = self.published[cid]
        record = dict([payload for kind, payload in outcome if kind == "order_event"][-1])
        record["fills"] = [payload for kind, payload in outcome if kind == "fill"]
        return record

    def submit(self, route, env):
        payload = env["payload"]
        cid = check_client_order_id(payload)
        if cid in self.replies:
            if self.log_orders:
                print(f"order {cid} duplicate", flush=True)
            msg_type, stored = self.replies[cid]
            self.reply(route, msg_type, dict(stored, duplicate=True), env["id"])
            # A repeat gets the order's recorded outcome again (docs/protocol.md section 5).
            for event_type, payload in self.published.get(cid, []):
                self.publish(f"exec.{self.account}", event_type, payload)
            return
        order = need(payload, "order", "object")
        combo = env["type"] == "submit_combo"
        (check_combo if combo else check_single)(order, cid)
        answer = {"client_order_id": cid, "duplicate": False}
        self.replies[cid] = ("ack", answer)
        self.orders[cid] = {"state": "filled", "order": order}
        self.reply(route, "ack", answer, env["id"])
        self.fill_at_limit(cid, order, combo)
        if self.log_orders:
            print(f"order {cid} filled", flush=True)

    def fill_at_limit(self, cid, order, combo):
        """Toy venue: everything fills at once, the net at the limit, carried by one leg."""
        topic, t = f"exec.{self.account}", now_ns()
        quantity, limit = order["quantity"], float(order["limit"])
        if combo:
            effect = order["effect"]
            legs = [(leg["instrument"], leg["side"], leg["ratio"]) for leg in order["legs"]]
        else:
            effect = "debit" if order["side"] == "buy" else "credit"
            legs = [(order["instrument"], order["side"], 1)]
        carrier = next(i for i, (_, side, _) in enumerate(legs) if side == ("sell" if effect == "credit" else "buy"))
        fills = []
        for k, (instrument, side, ratio) in enumerate(legs):
            price = limit / ratio if k == carrier else 0.0
            fee = round(self.commission * ratio * quantity, 10)
            fills.append({"instrument": instrument, "side": side, "quantity": ratio * quantity, "price": price,
                          "commission": fee})
            self.book(instrument, (1 if side == "buy" else -1) * ratio * quantity, price, order.get("tag", ""))
        outcome = [
            ("order_event", {"client_order_id": cid, "state": "accepted", "filled_quantity": 0, "reason": "", "time": t}),
            ("order_event", {"client_order_id": cid, "state": "filled", "filled_quantity": quantity, "reason": "",
                             "time": t}),
            ("fill", {"client_order_id": cid, "quantity": quantity, "net_price": limit, "effect": effect, "legs": fills,
                      "commission": sum(f["commission"] for f in fills), "time": t}),
        ]
        self.published[cid] = outcome
        self.finished.append(cid)
        for event_type, payload in outcome:
            self.publish(topic, event_type, payload)

    def book(self, instrument, quantity, price, tag):
        key = symbol(instrument)
        p = self.positions.get(key)
        if p is None:
            self.positions[key] = {"instrument": instrument, "quantity": quantity, "average_price": price, "tag": tag}
            return
        p["quantity"] += quantity
        if p["quantity"] == 0:
            del self.positions[key]

    # ---- loop ---------------------------------------------------------------------------------

    def timers(self):
        t = now_ns()
        if t - self.last_heartbeat >= self.heartbeat_ns:
            self.last_heartbeat = t
            self.publish("status", "heartbeat", {"session": self.session, "mode": "paper"})
        for identity, seen in list(self.sessions.items()):
            if t - seen > self.session_timeout_ns:
                del self.sessions[identity]

    def serve(self, should_stop):
        poller = zmq.Poller()
        poller.register(self.router, zmq.POLLIN)
        while not should_stop():
            if poller.poll(10):
                while True:
                    try:
                        frames = self.router.recv_multipart(zmq.NOBLOCK)
                    except zmq.Again:
                        break
                    self.handle(frames)
            self.timers()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command-endpoint", default="tcp://127.0.0.1:*")
    parser.add_argument("--event-endpoint", default="tcp://127.0.0.1:*")
    parser.add_argument("--account", default="DU123")
    parser.add_argument("--heartbeat-ms", type=int, default=1000)
    parser.add_argument("--session-timeout-ms", type=int, default=3000)
    parser.add_argument("--commission", type=float, default=0.65,
                        help="$ per contract charged on every fill (per leg in the fill's legs)")
    parser.add_argument("--no-finished-orders", action="store_true",
                        help="leave the optional finished_orders out of snapshots (a backend that does not keep them)")
    parser.add_argument("--log-orders", action="store_true",
                        help="print 'order <id> filled' for every new order and 'order <id> duplicate' for a repeat")
    args = parser.parse_args(argv)

    stop = {"now": False}

    def on_signal(signum, frame):
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    ctx = zmq.Context()
    backend = Backend(ctx, args.command_endpoint, args.event_endpoint, args.account, args.heartbeat_ms,
                      args.session_timeout_ms, args.commission, not args.no_finished_orders, args.log_orders)
    command, event = backend.endpoints()
    print(f"ready command={command} event={event}", flush=True)
    backend.serve(lambda: stop["now"])
    ctx.destroy(linger=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
