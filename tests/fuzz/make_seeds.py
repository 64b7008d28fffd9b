#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/) from the examples
(examples/*.json, examples/*.clixml.xml) and the real exports (../shared/fixtures/real/*.clixml.xml),
plus hand-written values for every format of DOMAIN.md section 6.2. Seeds are small (one value, or one
small request) and named by the SHA-1 of their content, as libFuzzer names the inputs it keeps, so a
second run adds nothing. The corpus keeps them: `build-scripts/fuzz.sh --minimize` writes them into an
empty folder first (the folder argument) and merges the old corpus onto them with -merge=1, so only the
fuzzers' inputs are minimized away. Inputs that once found a bug live in tests/fuzz/regressions/, which
this script never touches; it never deletes either.

    python3 tests/fuzz/make_seeds.py [folder]     # default: tests/fuzz/corpus
"""
import glob
import hashlib
import json
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "fixtures", "real"))
PS = "{http://schemas.microsoft.com/powershell/2004/04}"
OUT = os.path.join(HERE, "corpus")  # the folder argument replaces it

KEPT = ["Identity", "Name", "Server", "TransportRole", "Enabled", "Bindings", "RemoteIPRanges", "AuthMechanism",
        "PermissionGroups", "Fqdn", "TlsCertificateName", "RequireTLS", "MaxMessageSize", "MaxHeaderSize",
        "ConnectionTimeout", "ConnectionInactivityTimeout", "MaxInboundConnection", "MessageRateLimit",
        "MessageRateSource", "MaxInboundConnectionPercentagePerSource", "ProtocolLoggingLevel", "SizeEnabled",
        "ExtendedProtectionPolicy", "TarpitInterval", "MaxHopCount", "MaxRecipientsPerMessage"]


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)


def clixml_objects(path):
    """Top-level objects of an Export-Clixml file as {property: text or [texts]}."""
    def text_of(el):
        if el.tag == PS + "Obj":
            lst = el.find(PS + "LST")
            if lst is not None:
                return [t for t in (text_of(item) for item in lst) if t is not None]
            ts = el.find(PS + "ToString")
            return ts.text if ts is not None else None
        if el.tag == PS + "Nil":
            return None
        return el.text or ""

    out = []
    for obj in ET.parse(path).getroot():
        props = {}
        for group in (obj.find(PS + "Props"), obj.find(PS + "MS")):
            if group is None:
                continue
            for el in group:
                name = el.get("N")
                if name:
                    props[name] = text_of(el)
        out.append(props)
    return out


def connectors():
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.json"))):
        with open(path, encoding="utf-8-sig") as f:
            data = json.load(f)
        found += data if isinstance(data, list) else [data]
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*GetReceiveConnector*.xml")) +
                       glob.glob(os.path.join(SHARED, "*GetReceiveConnector*.xml"))):
        found += clixml_objects(path)
    return [{k: c[k] for k in KEPT if k in c} for c in found]


def servers():
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*GetExchangeServer*.xml")) +
                       glob.glob(os.path.join(SHARED, "*GetExchangeServer*.xml"))):
        for s in clixml_objects(path):
            found.append({k: s[k] for k in ("Name", "Fqdn", "AdminDisplayVersion", "ServerRole", "IsEdgeServer")
                          if k in s})
    return found


def values(conns, key):
    out = set()
    for c in conns:
        v = c.get(key)
        for item in (v if isinstance(v, list) else [v]):
            if item is not None:
                out.add(str(item))
    return sorted(out)


def main():
    conns = connectors()
    srvs = servers()
    dump = lambda o: json.dumps(o, separators=(",", ":"), ensure_ascii=False)

    # --- request: whole requests through ecd_request_run
    names = ["EX01=10.0.0.11,fd00::11", "EX02=10.0.0.12", "LEGACY01=10.0.0.5"]
    example = [c for c in conns if str(c.get("Identity", "")).startswith("EX0")][:11]
    write("request", dump({"operation": "analyze", "connectors": example, "servers": names}))
    write("request", dump({"operation": "analyze", "connectors": example[:3], "servers": srvs[:2] + names[:1]}))
    for c in conns:
        write("request", dump({"operation": "analyze", "connectors": [c], "servers": names}))
    write("request", dump({"operation": "resolve", "connectors": example, "servers": names,
                           "queries": [{"remoteAddress": "10.0.0.12"},
                                       {"remoteAddress": "fd00::12", "server": "EX01", "port": 25,
                                        "localAddress": "fd00::11"},
                                       {"remoteAddress": "10.0.0.12", "port": 2525, "localAddress": "10.0.0.11"}]}))
    write("request", dump({"operation": "rules"}))
    write("request", dump({"operation": "analyze", "documents": [{"source": "c.json", "text": dump(example[:2])}],
                           "servers": names, "rules": ["ECD0101", "exchange-server-captured"],
                           "excludeRules": ["ECD0102"], "minimumSeverity": "Warning"}))
    relay = {"Identity": "EX01\\Relay 'x' $(y)", "TransportRole": "FrontendTransport", "Enabled": True,
             "Bindings": "0.0.0.0:25, [::]:25", "RemoteIPRanges": "{10.0.0.0/24, 10.0.0.12-10.0.0.20, fd00::/64}",
             "AuthMechanism": 1, "PermissionGroups": 1}
    write("request", dump({"connectors": [relay] + example[:3], "servers": names}))
    write("request", dump({"connectors": {"Identity": "A\\B", "Bindings": [{"Address": "0.0.0.0", "Port": 25}],
                                          "RemoteIPRanges": [{"Expression": "1.2.3.4"},
                                                             {"LowerBound": "::1", "UpperBound": "::2"}],
                                          "TransportRole": 16384, "AuthMechanism": "None"}}))
    write("request", dump({"connectors": [{"Identity": "A\\B", "RemoteIPRanges": ["10.0.0.300", "1.2.3.4-1.2.3.1"],
                                           "Bindings": ["1.2.3.4:99999"]}, 7, "x", None, [[]]]}))
    write("request", '{"operation":"analyze","connectors":[')
    write("request", "[" * 70 + "]" * 70)
    write("request", b'{"connectors":[{"Identity":"EX01\\\\R\xff\xfe"}]}')
    write("request", '{"operation":"explode"}')
    write("request", "")

    # --- ranges: one value per seed, and lines of ranges and addresses for subtract_addresses
    ranges = values(conns, "RemoteIPRanges") + [
        "0.0.0.0", "0.0.0.0/0", "10.0.0.5", "192.168.1.1/24", "10.0.0.0(255.255.255.0)", "10.0.0.1-10.0.0.30",
        "fe80::1%11", "2001:db8::/32", "::ffff:10.0.0.1", "2001:db8::10.0.0.1", "::/0", "fd00::1-fd00::ff",
        "2001:db8::(ffff:ffff::)", " 10.0.0.1 ", "255.255.255.255/32", "::1/128"]
    for r in ranges:
        write("ranges", r)
    write("ranges", "10.0.0.0/24\n10.0.0.1-10.0.0.30\nfd00::/64\n10.0.0.12\nfd00::11\n10.0.0.0")
    write("ranges", "0.0.0.0-255.255.255.255\n::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\n10.0.0.11\n::1\n127.0.0.1")

    # --- bindings
    for b in values(conns, "Bindings") + ["0.0.0.0:25", "[::]:25", ":::25", "10.1.1.1:25", "[2001:db8::5]:2525",
                                          ":25", "10.0.0.1:", "fe80::1%4:25", "[fe80::1%4]:717"]:
        write("bindings", b)

    # --- flags
    for f in values(conns, "AuthMechanism") + values(conns, "PermissionGroups") + values(conns, "TransportRole") + [
            "31", "13", "0", "None", "Tls, ExchangeServer", "AnonymousUsers, Custom", "FrontendTransport", "32",
            "16384", "True", "false", "1", "IPAddress", "tls,,exchangeserver", "64"]:
        write("flags", f)

    # --- values: sizes, limits, time spans, versions, certificate names
    keys = ["MaxMessageSize", "MaxHeaderSize", "ConnectionTimeout", "ConnectionInactivityTimeout",
            "MaxInboundConnection", "MessageRateLimit", "TarpitInterval", "MaxRecipientsPerMessage",
            "TlsCertificateName", "MaxInboundConnectionPercentagePerSource"]
    texts = []
    for k in keys:
        texts += values(conns, k)
    texts += values(srvs, "AdminDisplayVersion") + [
        "36 MB (37,748,736 bytes)", "36MB", "256 KB", "37748736", "Unlimited", "1.5 GB (1,610,612,736 bytes)",
        "00:10:00", "1.00:00:00", "-00:00:05", "00:00:01.5000000", "Version 15.2 (Build 986.5)", "15.02.1118.007",
        "14.3", "<I>CN=Issuer, O=Org<S>CN=mail.contoso.com", "5,000", "2147483647"]
    for t in texts:
        write("values", t)

    # --- logs: the real protocol log lines of DOMAIN-SUPPLEMENT.md A.6/A.7 (tests/fixtures/logs/real), whole
    # files, and a few quirks (IPv6, "" escapes, a reordered #Fields, a truncated last line)
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "logs", "real", "*.LOG"))):
        with open(path, "rb") as f:
            write("logs", f.read())
    fields = "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\n"
    write("logs", fields + '2024-05-01T10:00:00.000Z,EX01\\R,A1,0,[2001:db8::1]:25,[2001:db8::7]:6000,+,,\n'
          '2024-05-01T10:00:00.100Z,EX01\\R,A1,1,[2001:db8::1]:25,[2001:db8::7]:6000,<,"EHLO a,""b""",\n'
          '2024-05-01T10:00:00.200Z,EX01\\R,A1,2,[2001:db8::1]:25,[2001:db8::7]:6000,>,421 4.3.2 limit,\n'
          '2024-05-01T10:00:00.300Z,EX01\\R,A1,3,[2001:db8::1]:25,[2001:db8::7]:6000,-,,Local\n')
    write("logs", "#Log-type: SMTP Send Protocol Log\n#Fields: event,remote-endpoint,date-time,session-id,connector-id,data\n"
          ">,10.0.0.20:25,2024-05-01T10:00:00.000Z,K1,To EX2010,EHLO ex01\n"
          "<,10.0.0.20:25,2024-05-01T10:00:00.100Z,K1,To EX2010,250-X-EXPS GSSAPI\n"
          "<,10.0.0.20:25,2024-05-01T10:00:00.200Z,K1,To EX2010,451 5.7.3 Cannot achieve\n"
          "<,10.0.0.20:25,2024-05-01T10:00:00.3")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        OUT = os.path.abspath(sys.argv[1])
    main()
