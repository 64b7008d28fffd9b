#!/usr/bin/env python3
"""Writes realistic SMTP Receive and Send protocol logs for the benchmark (build-scripts/bench.sh, docs/PERFORMANCE.md),
seeded so that a run is repeatable, with the quirks of DOMAIN-SUPPLEMENT.md section A: 2010 headers (#Version 14.0.0.0,
one EHLO reply line per capability) and 2016+ headers (one-line EHLO replies), the documented #Log-Type spelling in
some files, a reordered #Fields in some, quoted fields with commas, IPv6 endpoints, Exchange servers' X-EXPS sessions,
421 4.3.2 under concurrency, relays, a malformed line now and then, and a last file cut mid-line (still being written).
Files roll over at 10 MB like Exchange's (ReceiveProtocolLogMaxFileSize).

    python3 tests/tools/generate_logs.py OUT_FOLDER [--mb 300] [--seed 1]
"""
import argparse
import datetime
import os
import random

FIELDS = ["date-time", "connector-id", "session-id", "sequence-number", "local-endpoint", "remote-endpoint", "event",
          "data", "context"]
ANON = "SMTPSubmit SMTPAcceptAnySender SMTPAcceptAuthoritativeDomainSender AcceptRoutingHeaders"
EXCH = ("SMTPSubmit SMTPAcceptAnyRecipient SMTPAcceptAuthenticationFlag SMTPAcceptAnySender "
        "SMTPAcceptAuthoritativeDomainSender BypassAntiSpam BypassMessageSizeLimit SMTPAcceptEXCH50 "
        "AcceptRoutingHeaders AcceptForestHeaders AcceptOrganizationHeaders SendRoutingHeaders")


def q(text):
    return '"' + text.replace('"', '""') + '"' if ("," in text or '"' in text) else text


class Writer:
    def __init__(self, folder, prefix, server, version, rnd, limit):
        self.folder, self.prefix, self.server, self.version, self.rnd, self.limit = folder, prefix, server, version, rnd, limit
        self.n, self.f, self.size, self.reordered = 0, None, 0, False

    def open(self, when):
        self.n += 1
        name = "%s%s-%d.LOG" % (self.prefix, when.strftime("%Y%m%d%H"), self.n)
        folder = os.path.join(self.folder, self.server, "SmtpSend" if self.prefix == "SEND" else "SmtpReceive")
        os.makedirs(folder, exist_ok=True)
        self.f = open(os.path.join(folder, name), "w", newline="")
        self.size = 0
        kind = "SMTP Send Protocol Log" if self.prefix == "SEND" else "SMTP Receive Protocol Log"
        spelling = "#Log-Type" if self.rnd.random() < 0.2 else "#Log-type"
        self.reordered = self.rnd.random() < 0.15
        fields = list(reversed(FIELDS)) if self.reordered else FIELDS
        head = ["#Software: Microsoft Exchange Server", "#Version: %s" % ("14.0.0.0" if self.version == 2010 else "15.0.0.0"),
                "%s: %s" % (spelling, kind), "#Date: %s" % iso(when), "#Fields: " + ",".join(fields)]
        self.write_raw("\r\n".join(head) + "\r\n")

    def write_raw(self, text):
        self.f.write(text)
        self.size += len(text)

    def line(self, values):
        if self.f is None or self.size >= self.limit:
            if self.f:
                self.f.close()
            self.open(values_time[0])
        if self.reordered:
            values = list(reversed(values))
        self.write_raw(",".join(values) + "\r\n")

    def close(self, cut=False):
        if self.f:
            if cut:
                self.f.write("2026-01-31T23:59:59.999Z,%s\\Default Frontend %s,08DE5FFFFFFFFFFF,0,10.0.0.11:25,192.0" % (self.server, self.server))
            self.f.close()


values_time = [None]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    servers = [("EX01", 2019, "10.0.0.11"), ("EX02", 2019, "10.0.0.12"), ("LEGACY01", 2010, "10.0.0.5")]
    internet = ["%d.%d.%d.%d" % (rnd.randint(1, 223), rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(1, 254)) for _ in range(400)]
    internet += ["2001:db8:%x::%x" % (rnd.randint(1, 0xffff), rnd.randint(1, 0xffff)) for _ in range(40)]
    relays = ["10.0.0.%d" % i for i in range(20, 40)]
    budget = int(args.mb * 1024 * 1024)
    writers = {(s[0], p): Writer(args.out, p, s[0], s[1], rnd, 10 * 1024 * 1024) for s in servers for p in ("RECV", "SEND")}
    t = datetime.datetime(2026, 1, 1, 0, 0, 0)
    session = 0x08DE500000000000
    written = 0
    while written < budget:
        srv, version, addr = rnd.choice(servers)
        w = writers[(srv, "RECV")]
        kind = rnd.random()
        if kind < 0.7:
            conn, remote, perms, ehlo = "Default Frontend %s" % srv, rnd.choice(internet), ANON, "mail%d.example.net" % rnd.randint(1, 300)
        elif kind < 0.85:
            conn, remote, perms, ehlo = "Relay %s" % srv, rnd.choice(relays), ANON, "printer%02d" % rnd.randint(1, 20)
        else:
            other = rnd.choice([s for s in servers if s[0] != srv])
            conn, remote, perms, ehlo = "Default %s" % srv, other[2], EXCH, "%s.contoso.com" % other[0]
        session += 1
        sid = "%016X" % session
        port = rnd.randint(1024, 65535)
        local = "10.0.0.11:25" if conn.startswith(("Default Frontend", "Relay")) else "10.0.0.11:2525"
        rep = "[%s]:%d" % (remote, port) if ":" in remote else "%s:%d" % (remote, port)
        seq = [0]

        def L(ev, data="", ctx=""):
            values_time[0] = t
            w.line([iso(t), "%s\\%s" % (srv, conn), sid, str(seq[0]), local, rep, ev, q(data), q(ctx)])
            seq[0] += 1

        start = w.size
        L("+")
        L("*", perms, "Set Session Permissions")
        L(">", "220 %s.contoso.com Microsoft ESMTP MAIL Service ready at %s" % (srv, t.strftime("%a, %d %b %Y %H:%M:%S +0000")))
        L("<", "EHLO " + ehlo)
        caps = ["SIZE 37748736", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES", "STARTTLS", "X-ANONYMOUSTLS", "AUTH NTLM",
                "X-EXPS GSSAPI NTLM", "8BITMIME", "BINARYMIME", "CHUNKING", "XRDST"]
        if version == 2010:
            L(">", "250-%s.contoso.com Hello [%s]" % (srv, remote))
            for c in caps[:-1]:
                L(">", "250-" + c)
            L(">", "250 " + caps[-1])
        else:
            L(">", "250  %s.contoso.com Hello [%s] %s" % (srv, remote, " ".join(caps)))
        if conn.startswith("Default ") and not conn.startswith("Default Frontend"):
            L("<", "X-EXPS GSSAPI")
            L("*", "CONTOSO\\%s$" % ehlo.split(".")[0].upper(), "authenticated")
            L(">", "235 2.7.0 Authentication successful")
        else:
            L("<", "STARTTLS")
            L(">", "220 2.0.0 SMTP server ready")
            L("*", "", "TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDHE with strength 384 bits")
        if rnd.random() < 0.03:
            L(">", "421 4.3.2 The maximum number of concurrent connections has exceeded a limit, closing transmission channel")
        else:
            for _ in range(rnd.randint(1, 3)):
                L("<", "MAIL FROM:<sender%d@example.net> SIZE=%d" % (rnd.randint(1, 999), rnd.randint(1000, 900000)))
                L(">", "250 2.1.0 Sender OK")
                for _ in range(rnd.randint(1, 3)):
                    L("<", "RCPT TO:<user%d@contoso.com>" % rnd.randint(1, 5000))
                    if rnd.random() < 0.05:
                        L(">", "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain")
                    else:
                        L(">", "250 2.1.5 Recipient OK")
                L("<", "BDAT %d LAST" % rnd.randint(1000, 900000))
                L(">", "250 2.6.0 <%s@%s.contoso.com> [InternalId=%d, Hostname=%s.contoso.com] Queued mail for delivery" % (sid, srv, rnd.randint(1, 10**12), srv))
        if rnd.random() < 0.001:
            w.write_raw("garbage line without commas\r\n")
        L("-", "", "Remote")
        written += w.size - start if w.size > start else 0
        t += datetime.timedelta(milliseconds=rnd.randint(5, 400))
        if rnd.random() < 0.1:  # a send session from this server to another
            sw = writers[(srv, "SEND")]
            other = rnd.choice([s for s in servers if s[0] != srv])
            session += 1
            ssid = "%016X" % session
            sseq = [0]

            def S(ev, data="", ctx=""):
                values_time[0] = t
                sw.line([iso(t), "Intra-Organization SMTP Send Connector", ssid, str(sseq[0]), "10.0.0.11:%d" % port, "%s:2525" % other[2], ev, q(data), q(ctx)])
                sseq[0] += 1
            s0 = sw.size
            S("*", "", "attempting to connect")
            S("+")
            S("<", "220 %s.contoso.com Microsoft ESMTP MAIL Service ready" % other[0])
            S(">", "EHLO %s.contoso.com" % srv)
            S("<", "250  %s.contoso.com Hello [10.0.0.11] SIZE PIPELINING STARTTLS X-ANONYMOUSTLS AUTH NTLM X-EXPS GSSAPI NTLM" % other[0])
            S("-", "", "Local")
            written += sw.size - s0 if sw.size > s0 else 0
    keys = sorted(writers)
    for i, k in enumerate(keys):
        writers[k].close(cut=(i == len(keys) - 1))
    files = [os.path.join(d, f) for d, _, fs in os.walk(args.out) for f in fs]
    total = sum(os.path.getsize(f) for f in files)
    print("generate_logs: %d files, %.1f MB in %s (seed %d)" % (len(files), total / 1048576, args.out, args.seed))


if __name__ == "__main__":
    main()
