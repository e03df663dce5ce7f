#!/usr/bin/env python3
"""The HTTP server comparison (issue 11): the agent as it was, on HttpListener, against the agent on Kestrel. Called by
../bench.sh, which builds the HttpListener agent from an earlier commit (BENCH_SERVER_BASELINE_REF) with the same
scripts/publish.sh; both are then the real agent, not a model of it.

Per contender: binary size; start-up to the first output on disk (the observer, as in harness.py) and to the first 200
on GET /healthz (the server serving), over interleaved runs; then, for a few fresh processes side by side, VmRSS after
settling, idle CPU over a window (kernel per-process CPU clock), and VmRSS after 1,000 sequential /metrics scrapes on one
keep-alive connection. Same directory and settings as harness.py (thin mode, the same preference, HTTP on 127.0.0.1).
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from harness import OUTPUT, PREFER_AGENT, PRIMARY, Observer, aws_conflist, free_port, log, other_conflist, pct, wait_file

LABELS = {"httplistener": "HttpListener (before)", "kestrel": "Kestrel (after)"}


class Agent:
    def __init__(self, binary: str, name: str, cni_dir: Path, config_dir: Path, log_path: Path):
        self.port = free_port()
        argv = [binary, "run", "--cni-dir", str(cni_dir), "--config-dir", str(config_dir),
                "--set", "Multus__Mode=thin", "--set", f"Primary__Prefer={PREFER_AGENT}",
                "--set", "Http__Address=127.0.0.1", "--set", f"Http__Port={self.port}"]
        if name == "kestrel":
            argv += ["--set", f"Http__ProbePort={free_port()}"]
        env = dict(os.environ, AOTAGENT_Logging__LogLevel__Default="Warning")
        with open(log_path, "ab") as out:
            self.popen = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        self.pid = self.popen.pid

    def get(self, path: str, timeout: float = 2) -> int:
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            c.close()
            return r.status
        except OSError:
            return 0

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def cpu_ns(self) -> int:
        return time.clock_gettime_ns(((~self.pid) << 3) | 2)

    def stop(self) -> None:
        self.popen.kill()
        self.popen.wait()


def directory(work: Path, label: str) -> Path:
    d = work / label
    d.mkdir(parents=True, exist_ok=True)
    (d / PRIMARY).write_bytes(aws_conflist(7))
    for i in range(5):
        (d / f"50-unrelated-{i}.conflist").write_bytes(other_conflist(i))
    return d


def startup(args, work: Path, config: Path, results: dict) -> None:
    dirs = {n: directory(work, "startup-" + n) for n in args.contenders}
    observers = {n: Observer(d) for n, d in dirs.items()}
    first_write = {n: [] for n in args.contenders}
    first_200 = {n: [] for n in args.contenders}
    for _ in range(args.startup_runs):
        for name in args.contenders:  # interleaved, so load changes hit both alike
            d, obs = dirs[name], observers[name]
            (d / OUTPUT).unlink(missing_ok=True)
            mark = obs.mark()
            t0 = time.monotonic_ns()
            a = Agent(args.binary[name], name, d, config, work / f"{name}.log")
            served = None
            while time.monotonic_ns() - t0 < 10e9:
                if a.get("/healthz", timeout=0.5) == 200:
                    served = time.monotonic_ns()
                    break
                time.sleep(0.0005)
            ts = obs.wait(mark, 7, 10)
            a.stop()
            if ts is not None:
                first_write[name].append((ts - t0) / 1e6)
            if served is not None:
                first_200[name].append((served - t0) / 1e6)
    for obs in observers.values():
        obs.close()
    for name in args.contenders:
        w, s = first_write[name], first_200[name]
        results[name]["startup_write_median"], results[name]["startup_write_p99"] = statistics.median(w), pct(w, 99)
        results[name]["startup_200_median"], results[name]["startup_200_p99"] = statistics.median(s), pct(s, 99)
        log(f"server {name}: first write median {statistics.median(w):.1f} ms, first 200 median {statistics.median(s):.1f} ms")


def idle(args, work: Path, config: Path, results: dict) -> None:
    rss, rss_scraped, cpu = ({n: [] for n in args.contenders} for _ in range(3))
    for round_ in range(args.idle_processes):
        agents = {}
        for name in args.contenders:
            d = directory(work, f"idle-{name}-{round_}")
            (d / OUTPUT).unlink(missing_ok=True)
            agents[name] = Agent(args.binary[name], name, d, config, work / f"{name}.log")
            if not wait_file(d / OUTPUT, 30):
                raise RuntimeError(f"{name}: no first output")
        time.sleep(args.idle_settle)
        c0 = {n: a.cpu_ns() for n, a in agents.items()}
        time.sleep(args.idle_seconds)
        for name, a in agents.items():
            cpu[name].append((a.cpu_ns() - c0[name]) / 1e6 * 60 / args.idle_seconds)
            rss[name].append(a.rss_kib())
        for name, a in agents.items():
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
            for _ in range(1000):
                c.request("GET", "/metrics")
                c.getresponse().read()
            c.close()
            rss_scraped[name].append(a.rss_kib())
            a.stop()
    for name in args.contenders:
        results[name].update(idle_rss_kib=statistics.median(rss[name]), idle_cpu_ms_per_min=statistics.median(cpu[name]),
                             scraped_rss_kib=statistics.median(rss_scraped[name]))
        log(f"server {name}: idle {results[name]['idle_rss_kib'] / 1024:.1f} MiB, {results[name]['idle_cpu_ms_per_min']:.1f} ms CPU/min, "
            f"after 1,000 scrapes {results[name]['scraped_rss_kib'] / 1024:.1f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--httplistener", required=True, help="the agent built from the HttpListener commit")
    ap.add_argument("--kestrel", required=True, help="the agent built from this tree")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--startup-runs", type=int, default=30)
    ap.add_argument("--idle-processes", type=int, default=3)
    ap.add_argument("--idle-settle", type=float, default=5)
    ap.add_argument("--idle-seconds", type=float, default=30)
    args = ap.parse_args()
    args.contenders = ["httplistener", "kestrel"]
    args.binary = {"httplistener": args.httplistener, "kestrel": args.kestrel}
    work = Path(args.workdir)
    config = work / "configmap"
    config.mkdir(parents=True, exist_ok=True)
    results = {n: {"binary_bytes": os.path.getsize(args.binary[n])} for n in args.contenders}
    startup(args, work, config, results)
    idle(args, work, config, results)
    rows = [
        ("Binary size", lambda r: f"{r['binary_bytes']:,} B"),
        ("Start-up to first output, median / p99", lambda r: f"{r['startup_write_median']:.1f} / {r['startup_write_p99']:.1f} ms"),
        ("Start-up to first 200 on /healthz, median / p99", lambda r: f"{r['startup_200_median']:.1f} / {r['startup_200_p99']:.1f} ms"),
        (f"Idle VmRSS ({args.idle_settle + args.idle_seconds:.0f} s after start, median of {args.idle_processes})", lambda r: f"{r['idle_rss_kib'] / 1024:.1f} MiB"),
        (f"Idle CPU per minute ({args.idle_seconds:.0f} s window)", lambda r: f"{r['idle_cpu_ms_per_min']:.1f} ms"),
        ("VmRSS after 1,000 /metrics scrapes", lambda r: f"{r['scraped_rss_kib'] / 1024:.1f} MiB"),
    ]
    md = ["| | " + " | ".join(LABELS[n] for n in args.contenders) + " |", "|---|---|---|"]
    md += [f"| {label} | " + " | ".join(f(results[n]) for n in args.contenders) + " |" for label, f in rows]
    Path(args.results).write_text(json.dumps(results, indent=1))
    Path(args.results).with_suffix(".md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
