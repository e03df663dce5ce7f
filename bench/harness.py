#!/usr/bin/env python3
"""Runs every workload against the three contenders and prints one table. Called by ../bench.sh.

Contenders: aot-agent (Native AOT binary), the previous release (the same, built from an earlier commit), the agent on
the JIT runtime (dotnet aot-agent.dll), and the hand-written inotifywait + jq baseline (baseline/multus-shell.sh). All three run in thin mode with the same preference:
a file matching 05-sw-*.conflist (byte order first) beats the pinned 10-aws.conflist.

Timing: every latency is CLOCK_MONOTONIC from the moment just before the harness acts (spawn, rename) to the moment
the separate observer process (observer.py, inotify) wakes up for the new output. CPU: the kernel's per-process CPU
clock (ns) summed over the contender's process group, plus reaped children. Memory: VmRSS / VmHWM from
/proc/<pid>/status, summed over the process group (the baseline is bash + a subshell + inotifywait).
"""
import argparse
import json
import math
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
OUTPUT = "00-multus.conf"
PRIMARY = "10-aws.conflist"
PREFER_AGENT = "file:05-sw-*.conflist,file:10-aws.conflist"
PREFER_SHELL = "05-sw-*.conflist 10-aws.conflist"
KUBECONFIG = "/etc/cni/net.d/multus.d/multus.kubeconfig"
NAMES = ["aot-agent", "previous", "jit", "shell"]
AGENTS = ["aot-agent", "previous", "jit"]
LABELS = {"aot-agent": "aot-agent (AOT)", "previous": "previous release (AOT)", "jit": "JIT (dotnet)",
          "shell": "shell (inotifywait+jq)"}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------- content

def aws_conflist(seq: int = 0) -> bytes:
    return json.dumps({
        "cniVersion": "0.4.0",
        "name": "aws-cni",
        "disableCheck": True,
        "bench_seq": seq,
        "plugins": [
            {"name": "aws-cni", "type": "aws-cni", "vethPrefix": "eni", "mtu": "9001",
             "podSGEnforcingMode": "strict", "pluginLogFile": "/var/log/aws-routed-eni/plugin.log",
             "pluginLogLevel": "DEBUG", "capabilities": {"io.kubernetes.cri.pod-annotations": True}},
            {"name": "egress-cni", "type": "egress-cni", "mtu": "9001", "enabled": "false",
             "randomizeSNAT": "prng", "nodeIP": "",
             "ipam": {"type": "host-local", "ranges": [[{"subnet": "169.254.172.0/22"}]],
                      "routes": [{"dst": "::/0"}], "dataDir": "/run/cni/v4pd/egress-v6-ipam"},
             "pluginLogFile": "/var/log/aws-routed-eni/egress-v6-plugin.log", "pluginLogLevel": "DEBUG"},
            {"type": "portmap", "capabilities": {"portMappings": True}, "snat": True},
        ],
    }, indent=2).encode() + b"\n"


def other_conflist(i: int, rev: int = 0) -> bytes:
    return json.dumps({
        "cniVersion": "0.4.0", "name": f"other-{i}", "rev": rev,
        "plugins": [{"type": "bridge", "bridge": f"cni{i % 100}", "isGateway": True, "ipMasq": True,
                     "ipam": {"type": "host-local", "subnet": f"10.{i % 250}.0.0/16"}},
                    {"type": "portmap", "capabilities": {"portMappings": True}}],
    }, indent=2).encode() + b"\n"


def write_atomic(directory: Path, name: str, content: bytes) -> int:
    """Writes a temp file, then renames it over name; returns CLOCK_MONOTONIC ns taken just before the rename."""
    tmp = directory / ".bench-writer.tmp"
    with open(tmp, "wb") as f:
        f.write(content)
    t0 = time.monotonic_ns()
    os.rename(tmp, directory / name)
    return t0


def output_correct(directory: Path, primary: bytes) -> bool:
    try:
        out = json.loads((directory / OUTPUT).read_bytes())
    except (OSError, ValueError):
        return False
    p = json.loads(primary)
    return (out.get("type") == "multus" and out.get("name") == "multus-cni-network"
            and out.get("cniVersion") == p["cniVersion"] and out.get("kubeconfig") == KUBECONFIG
            and out.get("delegates") == [p])


# ------------------------------------------------------------------------------------------------------- processes

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proc:
    def __init__(self, name: str, popen: subprocess.Popen, port: int, log_path: Path):
        self.name, self.popen, self.port, self.log_path = name, popen, port, log_path
        self.pid = popen.pid

    def pids(self) -> list[int]:
        result = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == self.pid:  # process group
                result.append(int(entry))
        return result

    def cpu_ns(self) -> int:
        """CPU of every live process in the group (kernel CPU clock, ns) plus children it has reaped."""
        total = 0
        for pid in self.pids():
            try:
                total += time.clock_gettime_ns(((~pid) << 3) | 2)
                stat = Path(f"/proc/{pid}/stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()
                total += (int(fields[13]) + int(fields[14])) * 1_000_000_000 // CLK_TCK
            except (OSError, ValueError):
                pass
        return total

    def stat_ticks_ms(self) -> float:
        """utime+stime from /proc/<pid>/stat, as the brief asks (10 ms resolution at CLK_TCK=100)."""
        total = 0
        for pid in self.pids():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, ValueError):
                pass
        return total * 1000 / CLK_TCK

    def mem_kib(self) -> tuple[int, int]:
        rss = hwm = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        hwm += int(line.split()[1])
            except OSError:
                pass
        return rss, hwm

    def smaps_kib(self) -> dict[str, int]:
        """Rss, Anonymous and file-backed (Rss minus Anonymous) of the main process, from /proc/PID/smaps_rollup."""
        out = {}
        try:
            for line in Path(f"/proc/{self.pid}/smaps_rollup").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key in ("Rss", "Anonymous"):
                    out[key] = int(rest.split()[0])
        except OSError:
            pass
        if "Rss" in out and "Anonymous" in out:
            out["File"] = out["Rss"] - out["Anonymous"]
        return out

    def metrics(self) -> dict[str, float]:
        # The agent writes its first output before its HTTP server is up (start-up pass before the host), so the
        # first scrape may come early: retry for a while instead of assuming "output exists" means "serving".
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5) as r:
                    text = r.read().decode()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        result: dict[str, float] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            key, _, value = line.rpartition(" ")
            try:
                result[key] = float(value)
            except ValueError:
                pass
        return result

    def passes(self) -> int:
        if self.name == "shell":
            try:
                return sum(1 for _ in open(self.log_path, "rb"))
            except OSError:
                return 0
        m = self.metrics()
        return int(sum(v for k, v in m.items() if k.startswith("aotagent_reconciles_total")))

    def stop(self, hard: bool = False) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL if hard else signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.pid, signal.SIGKILL)
            self.popen.wait()
        # Reap stragglers of the group (inotifywait of the baseline).
        for _ in range(50):
            if not self.pids():
                break
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                break
            time.sleep(0.01)


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.workdir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.config_dir = self.work / "configmap"
        self.config_dir.mkdir(exist_ok=True)
        self.counter = 0

    def start(self, name: str, cni_dir: Path, sets: list[str] | None = None, http: bool = True,
              env_extra: dict | None = None) -> Proc:
        self.counter += 1
        log_path = self.work / f"{name}-{self.counter}.log"
        port = free_port() if http else 0
        env = dict(os.environ)
        if name == "shell":
            argv = ["bash", str(HERE / "baseline" / "multus-shell.sh"), str(cni_dir)]
            env.update(PRIMARY=PREFER_SHELL, KUBECONFIG_PATH=KUBECONFIG)
        else:
            argv = self.agent_argv(name) + ["run", "--cni-dir", str(cni_dir), "--config-dir", str(self.config_dir),
                           "--set", "Multus__Mode=thin", "--set", f"Primary__Prefer={PREFER_AGENT}",
                           "--set", "Http__Address=127.0.0.1", "--set", f"Http__Port={port}"]
            if http and name != "previous":  # the previous release has no probe listener
                argv += ["--set", f"Http__ProbePort={free_port()}"]
            for s in sets or []:
                argv += ["--set", s]
            env["AOTAGENT_Logging__LogLevel__Default"] = "Warning"
            env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
            env.update(env_extra or {})
        out = open(log_path, "wb")
        popen = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 env=env, start_new_session=True)
        out.close()
        return Proc(name, popen, port, log_path)

    def agent_argv(self, name: str) -> list[str]:
        return ([self.args.native] if name == "aot-agent" else [self.args.previous] if name == "previous"
                else ["dotnet", self.args.jit_dll])

    def fresh_dir(self, label: str) -> Path:
        d = self.work / f"{label}-{self.counter}-{random.randrange(1 << 30):x}"
        d.mkdir()
        return d


class Observer:
    """Runs observer.py on a directory and collects its lines."""

    def __init__(self, directory: Path):
        self.proc = subprocess.Popen([sys.executable, str(HERE / "observer.py"), str(directory), OUTPUT],
                                     stdout=subprocess.PIPE, text=True, bufsize=1)
        if self.proc.stdout.readline().strip() != "READY":
            raise RuntimeError("observer failed to start")
        self.events: list[tuple[int, int, int]] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            ts, seq, hits = (int(x) for x in line.split())
            with self.cond:
                self.events.append((ts, seq, hits))
                self.cond.notify_all()

    def mark(self) -> int:
        with self.cond:
            return len(self.events)

    def wait(self, since: int, seq: int, timeout: float) -> int | None:
        """First wake-up at or after index since whose output carries bench_seq == seq; returns its timestamp."""
        deadline = time.monotonic() + timeout
        with self.cond:
            i = since
            while True:
                while i < len(self.events):
                    ts, s, _ = self.events[i]
                    i += 1
                    if s == seq:
                        return ts
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def writes_since(self, since: int) -> int:
        with self.cond:
            return sum(h for _, s, h in self.events[since:] if s != -2)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait()


def wait_file(path: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.005)
    return False


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p99 of fewer than 100 samples is the maximum)."""
    if not values:
        return math.nan
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


# ------------------------------------------------------------------------------------------------------- workloads

def startup(b: Bench, results: dict) -> None:
    for name in NAMES:
        runs = b.args.startup_runs_jit if name == "jit" else b.args.startup_runs
        d = b.fresh_dir("startup-" + name)
        (d / PRIMARY).write_bytes(aws_conflist(7))
        for i in range(5):
            (d / f"50-unrelated-{i}.conflist").write_bytes(other_conflist(i))
        obs = Observer(d)
        times = []
        failures = 0
        for _ in range(runs):
            (d / OUTPUT).unlink(missing_ok=True)
            mark = obs.mark()
            t0 = time.monotonic_ns()
            p = b.start(name, d)
            ts = obs.wait(mark, 7, 30)
            p.stop(hard=True)
            if ts is None:
                failures += 1
            else:
                times.append((ts - t0) / 1e6)
        obs.close()
        results.setdefault("startup", {})[name] = {"ms": times, "failures": failures,
                                                   "median": statistics.median(times) if times else math.nan,
                                                   "p99": pct(times, 99)}
        log(f"start-up {name}: median {statistics.median(times):.1f} ms p99 {pct(times, 99):.1f} ms "
            f"({len(times)} runs, {failures} failed)")


def reaction(b: Bench, results: dict) -> None:
    n = b.args.changes // 2
    for name in NAMES:
        d = b.fresh_dir("reaction-" + name)
        (d / PRIMARY).write_bytes(aws_conflist(1))
        for i in range(5):
            (d / f"50-unrelated-{i}.conflist").write_bytes(other_conflist(i))
        obs = Observer(d)
        mark = obs.mark()
        p = b.start(name, d)
        if obs.wait(mark, 1, 60) is None:
            raise RuntimeError(f"{name}: no first output")
        time.sleep(0.5)
        seq = 10
        rewrite, switch, missed = [], [], 0

        def change(name_: str, content_seq: int, into: list | None) -> None:
            nonlocal missed
            mark_ = obs.mark()
            t0 = write_atomic(d, name_, aws_conflist(content_seq))
            ts = obs.wait(mark_, content_seq, 5)
            if ts is None:
                missed += 1
            elif into is not None:
                into.append((ts - t0) / 1e6)
            time.sleep(0.01)

        for _ in range(5):  # warm-up, not measured (same for all three)
            seq += 1
            change(PRIMARY, seq, None)
        for _ in range(n):  # the primary rewritten in place by its owner (atomic rename of new content)
            seq += 1
            change(PRIMARY, seq, rewrite)
        for j in range(n):  # a better-ranked file appears: 05-sw-*.conflist, each new one sorting first
            seq += 1
            change(f"05-sw-{9999 - j:04d}.conflist", seq, switch)
        correct = output_correct(d, aws_conflist(seq))
        p.stop()
        obs.close()
        both = rewrite + switch
        results.setdefault("reaction", {})[name] = {
            "rewrite": {"p50": pct(rewrite, 50), "p99": pct(rewrite, 99)},
            "switch": {"p50": pct(switch, 50), "p99": pct(switch, 99)},
            "all": {"p50": pct(both, 50), "p99": pct(both, 99)},
            "missed": missed, "correct": correct, "ms": both}
        log(f"reaction {name}: rewrite p50 {pct(rewrite, 50):.2f} p99 {pct(rewrite, 99):.2f} ms; "
            f"switch p50 {pct(switch, 50):.2f} p99 {pct(switch, 99):.2f} ms; missed {missed}; output ok {correct}")


def disk(b: Bench, results: dict) -> None:
    """The floor under every reaction: what one atomic, durable write costs on this disk (write, fsync, rename, fsync
    of the directory), measured the same way the agent writes, 200 times, 10 ms apart."""
    d = b.fresh_dir("disk")
    content = aws_conflist(1) * 2
    times = []
    for k in range(200):
        t0 = time.monotonic_ns()
        fd = os.open(d / ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, content)
        os.fsync(fd)
        os.close(fd)
        os.rename(d / ".tmp", d / "00-out.conf")
        t1 = time.monotonic_ns()
        dfd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
        os.fsync(dfd)
        os.close(dfd)
        times.append((t1 - t0) / 1e6)
        time.sleep(0.01)
    results["disk"] = {"p50": pct(times, 50), "p99": pct(times, 99), "max": max(times)}
    log(f"disk: write+fsync+rename p50 {pct(times, 50):.2f} ms p99 {pct(times, 99):.2f} ms max {max(times):.1f} ms")


def storm(b: Bench, results: dict) -> None:
    files, events = 200, b.args.storm_events
    for name in NAMES:
        d = b.fresh_dir("storm-" + name)
        primary = aws_conflist(3)
        (d / PRIMARY).write_bytes(primary)
        paths = []
        for k in range(files):
            path = d / f"50-unrelated-{k:03d}.conflist"
            path.write_bytes(other_conflist(k, 100000))
            paths.append(str(path))
        obs = Observer(d)
        mark = obs.mark()
        p = b.start(name, d)
        if obs.wait(mark, 3, 60) is None:
            raise RuntimeError(f"{name}: no first output")
        time.sleep(1.0)
        before_content = (d / OUTPUT).read_bytes()
        m0 = p.metrics() if name != "shell" else {}
        mark = obs.mark()
        # 10,000 in-place rewrites of 200 unrelated files (IN_MODIFY + IN_CLOSE_WRITE each), in 100 slots of 10 ms.
        slots = 100
        per_slot = events // slots
        t_start = time.monotonic()
        i = 0
        # Same length every time, written over the old bytes without truncating: every write is a complete, valid
        # file (no half-written JSON), and ext4's flush-on-truncate (auto_da_alloc) does not slow the writer down.
        contents = [[other_conflist(k, rev) for rev in (100000, 200000)] for k in range(files)]
        for slot in range(slots):
            for _ in range(per_slot):
                k = i % files
                fd = os.open(paths[k], os.O_WRONLY)
                os.write(fd, contents[k][(i // files) % 2])
                os.close(fd)
                i += 1
            delay = t_start + (slot + 1) * 0.01 - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        t_end = time.monotonic()
        # Quiet: the process group's CPU clock stops moving for 500 ms.
        last_cpu, last_change = p.cpu_ns(), t_end
        while time.monotonic() - last_change < 0.5 and time.monotonic() - t_end < 300:
            time.sleep(0.02)
            cpu = p.cpu_ns()
            if cpu - last_cpu > 200_000:
                last_change = time.monotonic()
            last_cpu = cpu
        quiet_ms = max(0.0, (last_change - t_end) * 1000)
        writes_observed = obs.writes_since(mark)
        r = {"storm_s": t_end - t_start, "quiet_ms": quiet_ms, "observed_writes": writes_observed,
             "unchanged": (d / OUTPUT).read_bytes() == before_content, "correct": output_correct(d, primary)}
        if name != "shell":
            m1 = p.metrics()
            r["metric_writes"] = m1["aotagent_output_writes_total"] - m0["aotagent_output_writes_total"]
            r["passes"] = sum(v for k, v in m1.items() if k.startswith("aotagent_reconciles_total")) - \
                sum(v for k, v in m0.items() if k.startswith("aotagent_reconciles_total"))
        p.stop()
        obs.close()
        results.setdefault("storm", {})[name] = r
        log(f"storm {name}: {r}")


def idle(b: Bench, results: dict) -> None:
    procs = {}
    for name in NAMES:
        d = b.fresh_dir("idle-" + name)
        (d / PRIMARY).write_bytes(aws_conflist(5))
        for i in range(5):
            (d / f"50-unrelated-{i}.conflist").write_bytes(other_conflist(i))
        procs[name] = (b.start(name, d), d)
    for name, (p, d) in procs.items():
        if not wait_file(d / OUTPUT, 60):
            raise RuntimeError(f"{name}: no first output")
    time.sleep(b.args.idle_settle)
    start = {n: (p.cpu_ns(), p.stat_ticks_ms()) for n, (p, _) in procs.items()}
    time.sleep(b.args.idle_seconds)
    for name, (p, _) in procs.items():
        cpu, ticks = p.cpu_ns(), p.stat_ticks_ms()
        rss, hwm = p.mem_kib()
        scale = 60 / b.args.idle_seconds
        r = {"cpu_ms_per_min": (cpu - start[name][0]) / 1e6 * scale,
             "stat_ms_per_min": (ticks - start[name][1]) * scale,
             "rss_kib": rss, "hwm_kib": hwm}
        results.setdefault("idle", {})[name] = r
        log(f"idle {name}: {r}")
        p.stop()


def pass_samples(p: Proc, trigger, count: int, timeout: float = 60) -> list[float]:
    """Durations (ms) of the passes that follow each trigger(), one at a time, from the pass-duration histogram."""
    samples = []
    deadline = time.monotonic() + timeout
    m = p.metrics()
    last = (m["aotagent_reconcile_duration_seconds_count"], m["aotagent_reconcile_duration_seconds_sum"])
    k = 0
    while len(samples) < count and time.monotonic() < deadline:
        trigger(k)
        k += 1
        while time.monotonic() < deadline:
            time.sleep(0.05)
            m = p.metrics()
            cur = (m["aotagent_reconcile_duration_seconds_count"], m["aotagent_reconcile_duration_seconds_sum"])
            if cur[0] > last[0]:
                if cur[0] - last[0] == 1:  # exactly the one pass the trigger caused
                    samples.append((cur[1] - last[1]) * 1000)
                last = cur
                break
    return samples


def scale(b: Bench, results: dict) -> None:
    for size in (1000, 10000):
        d = b.fresh_dir(f"scale-{size}")
        (d / PRIMARY).write_bytes(aws_conflist(9))
        for i in range(size - 1):
            (d / f"20-other-{i:05d}.conflist").write_bytes(other_conflist(i))
        for name in NAMES:
            (d / OUTPUT).unlink(missing_ok=True)
            r: dict = {}
            if name != "shell":
                p = b.start(name, d, sets=["Watch__Resync=00:00:01"])
                if not wait_file(d / OUTPUT, 120):
                    raise RuntimeError(f"{name}: no first output at {size} files")
                time.sleep(1.5)  # the first resync after start-up (the JIT is still tiering up)
                # Resync passes (Watch__Resync=1s, nothing else happening): every file re-read.
                resync = pass_samples(p, lambda _: None, b.args.scale_passes)
                r["resync_pass_ms"] = resync
                r["resync_pass_median"] = statistics.median(resync) if resync else math.nan
                r["rss_kib"], r["hwm_kib"] = p.mem_kib()
                p.stop()
                # One file rewritten (a notification names it), with resyncs out of the way.
                p = b.start(name, d, sets=["Watch__Resync=01:00:00"])
                if not wait_file(d / OUTPUT, 120):
                    raise RuntimeError(f"{name}: no first output at {size} files")
                time.sleep(1.0)

                def touch_one(k: int) -> None:
                    write_atomic(d, f"20-other-{(k * 7919) % (size - 1):05d}.conflist", other_conflist(k, 300000 + k))
                one = pass_samples(p, touch_one, b.args.scale_changes)
                r["one_change_ms"] = one
                r["one_change_median"] = statistics.median(one) if one else math.nan
                p.stop()
                argv = b.agent_argv(name) + [
                    "once", "--cni-dir", str(d), "--config-dir", str(b.config_dir),
                    "--set", "Multus__Mode=thin", "--set", f"Primary__Prefer={PREFER_AGENT}"]
                env = dict(os.environ, AOTAGENT_Logging__LogLevel__Default="Warning")
            else:
                argv = ["bash", str(HERE / "baseline" / "multus-shell.sh"), str(d), "--once"]
                env = dict(os.environ, PRIMARY=PREFER_SHELL, KUBECONFIG_PATH=KUBECONFIG)
            once = []
            for _ in range(b.args.once_runs):
                t0 = time.monotonic_ns()
                subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                once.append((time.monotonic_ns() - t0) / 1e6)
            r["once_ms"] = once
            r["once_median"] = statistics.median(once)
            r["correct"] = output_correct(d, aws_conflist(9))
            results.setdefault("scale", {}).setdefault(str(size), {})[name] = r
            log(f"scale {size} {name}: resync pass {r.get('resync_pass_median', math.nan):.2f} ms, one change "
                f"{r.get('one_change_median', math.nan):.2f} ms, once {r['once_median']:.1f} ms")


def peaks(b: Bench, results: dict) -> None:
    """Peak RSS (VmHWM) of the daemon's first passes over 10,000 and 50,000 files, valid or junk."""
    for size in (10000, 50000):
        for kind in ("valid", "junk"):
            d = b.fresh_dir(f"peak-{kind}-{size}")
            (d / PRIMARY).write_bytes(aws_conflist(11))
            for i in range(size - 1):
                if kind == "valid":
                    (d / f"20-other-{i:05d}.conflist").write_bytes(other_conflist(i))
                else:  # cut off mid-value: invalid JSON
                    (d / f"20-junk-{i:05d}.conf").write_bytes(b'{"cniVersion": "0.4.0", "name": "x%d", "type": ' % i)
            for name in AGENTS:
                if name == "jit":
                    continue
                (d / OUTPUT).unlink(missing_ok=True)
                p = b.start(name, d, sets=["Watch__Resync=00:00:02"])
                if not wait_file(d / OUTPUT, 180):
                    raise RuntimeError(f"{name}: no first output at {size} {kind} files")
                time.sleep(4.5)  # and two resyncs, which re-read everything
                rss, hwm = p.mem_kib()
                p.stop()
                results.setdefault("peaks", {}).setdefault(f"{kind}-{size}", {})[name] = {"rss_kib": rss, "hwm_kib": hwm}
                log(f"peak {kind} {size} {name}: VmHWM {hwm / 1024:.1f} MiB, VmRSS after {rss / 1024:.1f} MiB")
            shutil.rmtree(d, ignore_errors=True)


def memory(b: Bench, results: dict) -> None:
    """Resident size after start, after a 200-clobber write fight, after 10,000 passes and after 10,000 scrapes."""
    runs = [(n, n, {}) for n in AGENTS]
    # The same binary with the GC's young generation forced small and large, as on hosts with small and large caches.
    runs += [("aot-agent gen0 1 MiB", "aot-agent", {"DOTNET_GCgen0size": "100000"}),
             ("aot-agent gen0 48 MiB", "aot-agent", {"DOTNET_GCgen0size": "3000000"})]
    for label, name, env in runs:
        d = b.fresh_dir("memory-" + name)
        content = aws_conflist(12)
        (d / PRIMARY).write_bytes(content)
        for i in range(5):
            (d / f"50-unrelated-{i}.conflist").write_bytes(other_conflist(i))
        p = b.start(name, d, sets=["Output__ConflictBudget=1000"], env_extra=env)
        if not wait_file(d / OUTPUT, 60):
            raise RuntimeError(f"{label}: no first output")
        marks = {}

        def mark(key: str) -> None:
            time.sleep(b.args.memory_settle)
            marks[key] = p.smaps_kib()

        p.metrics()  # serving
        mark("start")
        restored = 0
        for k in range(b.args.fight_clobbers):
            clobber = b'{"cniVersion":"0.4.0","name":"clobber-%d","type":"bridge"}' % k
            write_atomic(d, OUTPUT, clobber)
            deadline = time.monotonic() + 1
            while time.monotonic() < deadline:
                try:
                    if (d / OUTPUT).read_bytes() != clobber:
                        restored += 1
                        break
                except OSError:
                    pass
                time.sleep(0.001)
        mark("fight")
        base = p.passes()
        done = 0
        t0 = time.monotonic()
        while done < b.args.stability_passes and time.monotonic() - t0 < b.args.stability_timeout:
            for _ in range(500):
                write_atomic(d, PRIMARY, content)
                time.sleep(0.0005)
            time.sleep(0.02)
            done = p.passes() - base
        mark("passes")
        for _ in range(b.args.scrapes):
            with urllib.request.urlopen(f"http://127.0.0.1:{p.port}/metrics", timeout=5) as r:
                r.read()
        mark("scrapes")
        p.stop()
        r = {"marks": marks, "restored": restored, "passes": done}
        rss = [m.get("Rss", 0) for m in marks.values()]
        r["spread_kib"] = max(rss) - min(rss)
        results.setdefault("memory", {})[label] = r
        log(f"memory {label}: " + ", ".join(f"{k} {v.get('Rss', 0) / 1024:.1f} MiB (anon {v.get('Anonymous', 0) / 1024:.1f})"
                                             for k, v in marks.items()) + f"; restored {restored}, passes {done}")


def stability(b: Bench, results: dict) -> None:
    content = aws_conflist(4)
    targets_ = [100, 1000, b.args.stability_passes]
    for name in NAMES:
        d = b.fresh_dir("stability-" + name)
        (d / PRIMARY).write_bytes(content)
        for i in range(10):
            (d / f"50-unrelated-{i}.conflist").write_bytes(other_conflist(i))
        p = b.start(name, d)
        if not wait_file(d / OUTPUT, 60):
            raise RuntimeError(f"{name}: no first output")
        time.sleep(1.0)
        base = p.passes()
        marks = {}
        t0 = time.monotonic()
        done = 0
        for target in targets_:
            # Drive passes: the primary re-delivered with identical content (atomic rename); the output never changes.
            while done < target and time.monotonic() - t0 < b.args.stability_timeout:
                if name == "shell":
                    before = done
                    write_atomic(d, PRIMARY, content)
                    while done == before:  # closed loop: the baseline handles its events one by one
                        time.sleep(0.0005)
                        done = p.passes() - base
                else:
                    # Open loop, /metrics read once per batch only: scrapes allocate too, and Prometheus scrapes
                    # every 15-60 s, not once per pass. Events that arrive during a pass fold into the next one.
                    batch, gap = (10, 0.002) if target <= 1000 else (500, 0.0005)
                    for _ in range(min(batch, target - done)):
                        write_atomic(d, PRIMARY, content)
                        time.sleep(gap)
                    time.sleep(0.02)
                    done = p.passes() - base
            time.sleep(3)  # at rest: the agent hands back a busy spell's garbage once quiet for 2 s (IdleTrim)
            done = p.passes() - base
            rss, hwm = p.mem_kib()
            marks[target] = {"passes": done, "rss_kib": rss, "hwm_kib": hwm}
        r = {"marks": marks, "seconds": time.monotonic() - t0, "unchanged": output_correct(d, content)}
        r["growth_kib"] = marks[targets_[-1]]["rss_kib"] - marks[100]["rss_kib"]
        r["plateau_growth_kib"] = marks[targets_[-1]]["rss_kib"] - marks[1000]["rss_kib"]
        results.setdefault("stability", {})[name] = r
        log(f"stability {name}: {r}")
        p.stop()


def bdn(b: Bench, results: dict) -> None:
    if not b.args.bdn_json or not Path(b.args.bdn_json).exists():
        return
    out = {}
    for path in Path(b.args.bdn_json).glob("*-report-full.json"):
        for bench in json.loads(path.read_text())["Benchmarks"]:
            st = bench.get("Statistics") or {}
            out[bench["Method"]] = {"median_ns": st.get("Median"), "mean_ns": st.get("Mean"),
                                    "alloc_b": (bench.get("Memory") or {}).get("BytesAllocatedPerOperation")}
    results["bdn"] = out


# ----------------------------------------------------------------------------------------------------------- table

def fmt_ms(v: float) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    return f"{v:.2f} ms" if v < 10 else f"{v:.1f} ms" if v < 1000 else f"{v / 1000:.2f} s"


def fmt_mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def ratio(v, base) -> str:
    try:
        if base and not math.isnan(v) and not math.isnan(base):
            return f" ({v / base:.1f}x)"
    except TypeError:
        pass
    return ""


def table(results: dict) -> tuple[str, str, list]:
    rows = []

    def row(label, values: dict, fmt, with_ratio=True):
        base = values.get("aot-agent")
        cells = []
        for n in NAMES:
            v = values.get(n)
            if v is None:
                cells.append("—")
            else:
                cells.append(fmt(v) + (ratio(v, base) if with_ratio and n != "aot-agent" else ""))
        rows.append([label] + cells)

    s = results.get("startup", {})
    if s:
        row("Start-up to first output, median", {n: s[n]["median"] for n in s}, fmt_ms)
        row("Start-up to first output, p99", {n: s[n]["p99"] for n in s}, fmt_ms)
    r = results.get("reaction", {})
    if r:
        for kind, label in (("rewrite", "primary rewritten"), ("switch", "primary switched"), ("all", "all 200")):
            row(f"Reaction, {label}, p50", {n: r[n][kind]["p50"] for n in r}, fmt_ms)
            row(f"Reaction, {label}, p99", {n: r[n][kind]["p99"] for n in r}, fmt_ms)
    dk = results.get("disk")
    if dk:
        rows.append(["Disk floor: write+fsync+rename (harness, p50 / p99)", f"{fmt_ms(dk['p50'])} / {fmt_ms(dk['p99'])}"] +
                    ["—" for _ in NAMES[1:]])
    st = results.get("storm", {})
    if st:
        row("Storm (10k events/1 s): output writes", {n: st[n]["observed_writes"] for n in st}, str, False)
        row("Storm: time to quiet after the storm", {n: st[n]["quiet_ms"] for n in st}, fmt_ms)
        row("Storm: agent passes (metric)", {n: st[n]["passes"] for n in st if "passes" in st[n]},
            lambda v: f"{v:.0f}", False)
        row("Storm: final output correct", {n: st[n]["correct"] and st[n]["unchanged"] for n in st},
            lambda v: "yes" if v else "NO", False)
    i = results.get("idle", {})
    if i:
        row("Idle: CPU per minute", {n: i[n]["cpu_ms_per_min"] for n in i}, fmt_ms)
        row("Idle: VmRSS", {n: i[n]["rss_kib"] for n in i}, fmt_mib)
        row("Idle: VmHWM", {n: i[n]["hwm_kib"] for n in i}, fmt_mib)
    sc = results.get("scale", {})
    for size in ("1000", "10000"):
        if size in sc:
            v = sc[size]
            row(f"Scale {int(size):,} files: resync pass, every file re-read (median)",
                {n: v[n]["resync_pass_median"] for n in v if "resync_pass_median" in v[n]}, fmt_ms)
            row(f"Scale {int(size):,} files: pass after one file changed (median)",
                {n: v[n]["one_change_median"] for n in v if "one_change_median" in v[n]}, fmt_ms)
            row(f"Scale {int(size):,} files: `once`/one-shot incl. start-up",
                {n: v[n]["once_median"] for n in v}, fmt_ms)
    for size in ("1000", "10000"):
        if size in sc:
            row(f"Scale {int(size):,} files: daemon VmHWM", {n: sc[size][n]["hwm_kib"] for n in sc[size]
                                                           if "hwm_kib" in sc[size][n]}, fmt_mib)
    pk = results.get("peaks", {})
    for key in ("valid-10000", "junk-10000", "valid-50000", "junk-50000"):
        if key in pk:
            kind, size = key.split("-")
            row(f"Peak VmHWM, {int(size):,} {kind} files (start + 2 resyncs)", {n: pk[key][n]["hwm_kib"] for n in pk[key]}, fmt_mib)
    mem = results.get("memory", {})
    for key, label in (("start", "after start"), ("fight", "after a 200-clobber fight"), ("passes", "after 10,000 passes"),
                       ("scrapes", "after 10,000 scrapes")):
        if mem:
            row(f"Memory: VmRSS {label}", {n: mem[n]["marks"][key]["Rss"] for n in AGENTS if n in mem}, fmt_mib)
    if mem:
        row("Memory: anonymous after 10,000 scrapes", {n: mem[n]["marks"]["scrapes"]["Anonymous"] for n in AGENTS if n in mem}, fmt_mib)
        row("Memory: spread of the four", {n: mem[n]["spread_kib"] for n in AGENTS if n in mem},
            lambda v: f"{v / 1024:.2f} MiB", False)
        for label in ("aot-agent gen0 1 MiB", "aot-agent gen0 48 MiB"):
            if label in mem:
                marks = mem[label]["marks"]
                text = " / ".join(fmt_mib(marks[k]["Rss"]) for k in ("start", "fight", "passes", "scrapes"))
                rows.append([f"Memory, {label.replace('aot-agent ', 'DOTNET_GC')}: start/fight/passes/scrapes"] +
                            [text if n == "aot-agent" else "—" for n in NAMES])
    stb = results.get("stability", {})
    if stb:
        def mark(n, k):
            marks = stb[n]["marks"]
            return marks[k]["rss_kib"] if k in marks else None
        hi = max(int(k) for k in next(iter(stb.values()))["marks"])
        row("Stability: VmRSS after 100 passes", {n: mark(n, 100) for n in stb}, fmt_mib)
        row("Stability: VmRSS after 1,000 passes", {n: mark(n, 1000) for n in stb}, fmt_mib)
        row(f"Stability: VmRSS after {hi:,} passes", {n: mark(n, hi) for n in stb}, fmt_mib)
        row(f"Stability: growth 100 -> {hi:,} passes", {n: stb[n]["growth_kib"] for n in stb},
            lambda v: f"{v / 1024:+.2f} MiB", False)
        row(f"Stability: growth 1,000 -> {hi:,} passes", {n: stb[n]["plateau_growth_kib"] for n in stb},
            lambda v: f"{v / 1024:+.2f} MiB", False)
    bd = results.get("bdn", {})
    for method, label in (("Parse", "BDN: CniConfigParser.Parse (1 file)"), ("RenderThin", "BDN: MultusConfigRenderer.Render thin"),
                          ("Resolve1K", "BDN: PrimaryResolver.Resolve 1,000 files"),
                          ("Resolve10K", "BDN: PrimaryResolver.Resolve 10,000 files"),
                          ("Pass1K", "BDN: steady pass on disk (every identity checked), 1,000 files"),
                          ("Pass10K", "BDN: steady pass on disk (every identity checked), 10,000 files"),
                          ("Pass10KOneChanged", "BDN: pass after one file changed, 10,000 files"),
                          ("Pass10KResync", "BDN: resync pass (every file re-read), 10,000 files")):
        if method in bd and bd[method]["median_ns"] is not None:
            ns = bd[method]["median_ns"]
            alloc = bd[method]["alloc_b"]
            txt = (f"{ns / 1e3:.1f} µs" if ns < 1e6 else f"{ns / 1e6:.2f} ms") + \
                  (f", {alloc / 1024:.0f} KiB alloc" if alloc else "")
            rows.append([label + " (JIT, in-process)"] + [txt if n == "jit" else "—" for n in NAMES])

    header = ["Workload"] + [LABELS[n] for n in NAMES]
    widths = [max(len(str(r[c])) for r in rows + [header]) for c in range(len(header))]
    lines = [" | ".join(str(c).ljust(w) for c, w in zip(header, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]
    md = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    md += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines), "\n".join(md), rows


def targets(results: dict) -> list[tuple[str, bool | None, str]]:
    t = []
    s, r, st, i, sc, stb = (results.get(k, {}) for k in ("startup", "reaction", "storm", "idle", "scale", "stability"))
    pk, mem, bd = results.get("peaks", {}), results.get("memory", {}), results.get("bdn", {})
    if s:
        a, j = s["aot-agent"]["median"], s["jit"]["median"]
        t.append(("Start-up to first write < 50 ms (median)", a < 50, fmt_ms(a)))
        t.append(("Start-up >= 5x faster than JIT (median)", j / a >= 5, f"{j / a:.1f}x"))
    if r:
        a = r["aot-agent"]["all"]
        t.append(("Reaction p50 <= 1.5 ms (primary rewritten or switched)", a["p50"] <= 1.5, fmt_ms(a["p50"])))
        t.append(("Reaction p99 <= 3 ms", a["p99"] <= 3, fmt_ms(a["p99"])))
        sh = r["shell"]["all"]["p99"]
        t.append(("Reaction p99 >= 5x faster than the shell baseline", sh / a["p99"] >= 5, f"{sh / a['p99']:.1f}x"))
    if i:
        a = i["aot-agent"]
        t.append(("Idle CPU < 10 ms per minute", a["cpu_ms_per_min"] < 10, fmt_ms(a["cpu_ms_per_min"])))
    if st:
        a = st["aot-agent"]
        t.append(("Storm (10,000 events, primary unchanged): 0 output writes", a["observed_writes"] == 0 and a["correct"],
                  f"{a['observed_writes']} writes"))
    if bd.get("Pass10K", {}).get("median_ns") is not None:
        v = bd["Pass10K"]["median_ns"] / 1e6
        t.append(("Pass over 10,000 files, steady state <= 20 ms (BDN, JIT)", v <= 20, fmt_ms(v)))
    if "10000" in sc and "one_change_median" in sc["10000"].get("aot-agent", {}):
        v = sc["10000"]["aot-agent"]["one_change_median"]
        t.append(("Pass over 10,000 files after one file changed <= 5 ms (daemon)", v <= 5, fmt_ms(v)))
    for key, limit in (("valid-10000", 40), ("junk-10000", 40), ("valid-50000", 64), ("junk-50000", 64)):
        if key in pk and "aot-agent" in pk[key]:
            v = pk[key]["aot-agent"]["hwm_kib"]
            kind, size = key.split("-")
            t.append((f"Peak RSS, {int(size):,} {kind} files <= {limit} MiB", v <= limit * 1024, fmt_mib(v)))
    if "aot-agent" in mem:
        marks = mem["aot-agent"]["marks"]
        worst = max(m["Rss"] for m in marks.values())
        t.append(("RSS after start, fight, 10,000 passes, 10,000 scrapes: each <= 20 MiB", worst <= 20 * 1024,
                  " / ".join(fmt_mib(marks[k]["Rss"]) for k in ("start", "fight", "passes", "scrapes"))))
        sp = mem["aot-agent"]["spread_kib"]
        t.append(("  ... and within 2 MiB of each other", sp <= 2 * 1024, f"{sp / 1024:.2f} MiB"))
    if stb:
        g = stb["aot-agent"]["growth_kib"]
        t.append(("No memory growth between 100 and 10,000 passes (< 1 MiB)", g < 1024, f"{g / 1024:+.2f} MiB"))
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--native", required=True)
    ap.add_argument("--jit-dll", required=True)
    ap.add_argument("--previous", help="the previous release's binary (its row is left out without it)")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--bdn-json")
    ap.add_argument("--results", required=True)
    ap.add_argument("--only", default="startup,reaction,disk,storm,idle,scale,peaks,memory,stability")
    ap.add_argument("--startup-runs", type=int, default=40)
    ap.add_argument("--startup-runs-jit", type=int, default=20)
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--storm-events", type=int, default=10000)
    ap.add_argument("--idle-seconds", type=float, default=60)
    ap.add_argument("--idle-settle", type=float, default=5)
    ap.add_argument("--scale-passes", type=int, default=5)
    ap.add_argument("--scale-changes", type=int, default=20)
    ap.add_argument("--memory-settle", type=float, default=3)
    ap.add_argument("--fight-clobbers", type=int, default=200)
    ap.add_argument("--scrapes", type=int, default=10000)
    ap.add_argument("--once-runs", type=int, default=3)
    ap.add_argument("--stability-passes", type=int, default=10000)
    ap.add_argument("--stability-timeout", type=float, default=150)
    args = ap.parse_args()
    if not args.previous:
        NAMES.remove("previous")
        AGENTS.remove("previous")
    b = Bench(args)
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    steps = {"startup": startup, "reaction": reaction, "storm": storm, "idle": idle, "scale": scale, "peaks": peaks,
             "memory": memory, "disk": disk, "stability": stability}
    for step in args.only.split(","):
        t0 = time.monotonic()
        log(f"workload {step} ...")
        steps[step](b, results)
        log(f"workload {step} took {time.monotonic() - t0:.0f} s")
    bdn(b, results)
    text, md, _ = table(results)
    tg = targets(results)
    results["targets"] = [{"target": a, "met": m, "measured": v} for a, m, v in tg]
    Path(args.results).write_text(json.dumps(results, indent=1, default=str))
    Path(args.results).with_suffix(".md").write_text(
        md + "\n\n" + "\n".join(f"- {'met' if m else 'NOT MET'}: {a} — {v}" for a, m, v in tg) + "\n")
    print()
    print(text)
    print()
    print("Targets (aot-agent)")
    for a, m, v in tg:
        print(f"  [{'met' if m else 'NOT MET'}] {a}: {v}")
    print()
    print(f"Ratios in parentheses are the contender's value divided by aot-agent's (higher = more than aot-agent).")
    print(f"Raw results: {args.results}")


if __name__ == "__main__":
    main()
