#!/usr/bin/env python3
"""Top frames of a JFR recording within a time window: JFR_JSON FROM(HH:MM:SS) TO(HH:MM:SS) [ALLOC_JSON]"""
import json, sys, collections

def frames(ev):
    st = ev["values"].get("stackTrace") or {}
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in st.get("frames", [])]

CATS = [("com.retailflow.", "RetailFlow code"), ("org.apache.catalina.", "Tomcat"), ("org.apache.coyote.", "Tomcat"),
        ("org.apache.tomcat.", "Tomcat"), ("org.apache.hc.", "Apache HttpClient 5"), ("io.micrometer.", "Micrometer"),
        ("io.github.resilience4j.", "Resilience4j"), ("org.springframework.security.", "Spring Security"),
        ("org.springframework.session.", "Spring Session"), ("org.springframework.web.", "Spring Web/MVC"),
        ("org.springframework.", "Spring (other)"), ("ch.qos.logback", "Logging"), ("org.slf4j", "Logging")]

def category(fs):
    for f in fs:  # top of stack first: the first non-JDK frame is who made the JDK do the work
        for prefix, name in CATS:
            if f.startswith(prefix):
                return name
        if not f.startswith(("java.", "jdk.", "sun.", "javax.")):
            return "other: " + f.rsplit(".", 2)[0]
    return "JDK only (carrier/scheduler/GC-less JVM threads)"

def window(evs, t0, t1):
    return [e for e in evs if t0 <= e["values"]["startTime"][11:19] <= t1]

data = json.load(open(sys.argv[1]))["recording"]["events"]
t0, t1 = sys.argv[2], sys.argv[3]
samples = window([e for e in data if e["type"] == "jdk.ExecutionSample"], t0, t1)
n = len(samples)
print(f"CPU samples (jdk.ExecutionSample, 10 ms period) between {t0} and {t1} UTC: {n}")
print("\n-- by component (first non-JDK frame from the top of the stack) --")
for name, c in collections.Counter(category(frames(e)) for e in samples).most_common():
    print(f"{100*c/n:6.1f}%  {name}")
print("\n-- top frames, self (top of stack) --")
for name, c in collections.Counter(frames(e)[0] for e in samples if frames(e)).most_common(25):
    print(f"{100*c/n:6.1f}%  {name}")
print("\n-- top frames, inclusive (on the stack), RetailFlow/Resilience4j/Micrometer/HttpClient/Security --")
inc = collections.Counter()
for e in samples:
    for f in set(frames(e)):
        if f.startswith(("com.retailflow.", "io.github.resilience4j.", "io.micrometer.", "org.apache.hc.client5.http.impl.classic.InternalExecRuntime", "org.springframework.security.web.FilterChainProxy", "org.springframework.web.filter.ServerHttpObservationFilter", "org.springframework.session")):
            inc[f] += 1
for name, c in inc.most_common(30):
    print(f"{100*c/n:6.1f}%  {name}")
gcs = window([e for e in data if e["type"] == "jdk.GarbageCollection"], t0, t1)
if gcs:
    import re
    def ms(d):
        m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", d); return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000
    pauses = [ms(e["values"]["sumOfPauses"]) for e in gcs]
    print(f"\n-- GC in the window: {len(gcs)} collections, pauses total {sum(pauses):.0f} ms, max {max(pauses):.1f} ms, mean {sum(pauses)/len(pauses):.2f} ms")
if len(sys.argv) > 4:
    allocs = window(json.load(open(sys.argv[4]))["recording"]["events"], t0, t1)
    tot = sum(e["values"]["weight"] for e in allocs) or 1
    print(f"\n-- allocation (jdk.ObjectAllocationSample weight) by component, {tot/1e9:.2f} GB sampled weight --")
    byc = collections.Counter()
    for e in allocs:
        byc[category(frames(e))] += e["values"]["weight"]
    for name, w in byc.most_common(12):
        print(f"{100*w/tot:6.1f}%  {name}")
    print("\n-- allocation: top allocating frames (first non-JDK frame) --")
    byf = collections.Counter()
    for e in allocs:
        fs = frames(e)
        first = next((f for f in fs if not f.startswith(("java.", "jdk.", "sun."))), fs[0] if fs else "?")
        byf[first + "  [" + e["values"]["objectClass"]["name"] + "]"] += e["values"]["weight"]
    for name, w in byf.most_common(20):
        print(f"{100*w/tot:6.1f}%  {name}")
