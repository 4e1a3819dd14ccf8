#!/usr/bin/python3
"""Turn the stack samples of a JFR recording into a Markdown table and an icicle (flame-graph) PNG.

    /usr/bin/python3 bench/flame.py REC.jfr --out bench/results/profiles/NAME [--event jdk.ExecutionSample]
                   [--from HH:MM:SS] [--to HH:MM:SS] [--title TEXT] [--top 30]

Runs `jfr print --events EVENT --stack-depth 64` (the `jfr` of $JAVA_HOME, else the newest JDK under
/usr/lib/jvm), keeps the samples whose time (as `jfr print` shows it) is inside [--from, --to),
and writes NAME.md (where the samples go: by component, hottest frames self and total) and
NAME.png (an icicle chart: the root of every stack at the top, callees below, width = samples).

Components: a sample is charged to the first frame, counting from the leaf, that is not in the JDK
(java.*, javax.*, jdk.*, sun.*, com.sun.*): time spent in HashMap on behalf of Jackson is Jackson's.
A sample with only JDK frames stays "JDK". JFR's own code (jdk.jfr.*) counts as "JFR". The "on stack" column counts samples whose stack has
any frame of the component (a caller's share includes its callees).
"""
import argparse
import collections
import glob
import os
import re
import subprocess
import sys

COMPONENTS = [  # (name, package prefixes, colour)
    ("pgjdbc (JDBC driver)", ("org.postgresql.",), "#4e79a7"),
    ("HikariCP (pool)", ("com.zaxxer.hikari.",), "#76b7b2"),
    ("Jdbi", ("org.jdbi.",), "#59a14f"),
    ("Jackson (JSON)", ("com.fasterxml.jackson.",), "#edc948"),
    ("Helidon (HTTP)", ("io.helidon.",), "#f28e2b"),
    ("Concierge (our code)", ("concierge.",), "#e15759"),
    ("logging", ("org.slf4j.", "ch.qos.logback.", "org.apache.logging."), "#b07aa1"),
    ("JFR (the recorder itself)", ("jdk.jfr.",), "#bab0ac"),
]
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")
OTHER_COLOUR, JDK_COLOUR = "#9c755f", "#d4d4d4"


def component(frame):
    for name, prefixes, _ in COMPONENTS:
        if frame.startswith(prefixes):
            return name
    if frame.startswith(JDK):
        return "JDK"
    return "other libraries"


def colour(comp):
    for name, _, c in COMPONENTS:
        if name == comp:
            return c
    return JDK_COLOUR if comp == "JDK" else OTHER_COLOUR


def find_jfr():
    homes = [os.environ.get("JAVA_HOME", "")] + sorted(glob.glob("/usr/lib/jvm/*"), reverse=True)
    for h in homes:
        if h and os.access(os.path.join(h, "bin", "jfr"), os.X_OK):
            return os.path.join(h, "bin", "jfr")
    sys.exit("no jfr tool found (set JAVA_HOME to a JDK >= 11)")


FRAME = re.compile(r"^\s{4}(\S.*?)\((.*)\)(?: line: \d+)?\s*$")
HEX = re.compile(r"0x[0-9a-f]+")


def frame_name(line):
    """'io.helidon.X$$Lambda/0x1234.accept(Object) line: 3' -> 'io.helidon.X$$Lambda.accept'."""
    m = FRAME.match(line)
    if not m:
        return None
    return HEX.sub("", m.group(1)).replace("/.", ".")


def read_samples(jfr_file, event, t_from, t_to):
    out = subprocess.run([find_jfr(), "print", "--events", event, "--stack-depth", "64", jfr_file],
                         check=True, capture_output=True, text=True).stdout
    samples, threads = [], collections.Counter()
    cur = None
    for line in out.splitlines():
        if line.startswith(event + " {"):
            cur = {"t": "", "thread": "", "frames": [], "truncated": False}
        elif cur is None:
            continue
        elif line.startswith("  startTime = "):
            cur["t"] = line.split("=", 1)[1].strip()[:8]
        elif line.startswith(("  sampledThread = ", "  eventThread = ")):
            cur["thread"] = line.split("=", 1)[1].strip()
        elif line.startswith("    ..."):
            cur["truncated"] = True
        elif line.startswith("    "):
            f = frame_name(line)
            if f:
                cur["frames"].append(f)
        elif line.startswith("}"):
            if cur["frames"] and (not t_from or cur["t"] >= t_from) and (not t_to or cur["t"] < t_to):
                cur["frames"].reverse()  # root first
                samples.append(cur)
                threads["virtual (request handlers)" if ", virtual)" in cur["thread"]
                        else re.sub(r"[-\d]+\"?\s*\(.*$", "", cur["thread"]).strip('"') or "?"] += 1
            cur = None
    return samples, threads


def owner_frame(frames):
    """The first frame from the leaf that is not JDK code (JFR counts as itself), else the leaf."""
    for f in reversed(frames):
        if component(f) != "JDK":
            return f
    return frames[-1]


def owner(frames):
    return component(owner_frame(frames))


def short(f):
    cls, _, meth = f.rpartition(".")
    return cls.rpartition(".")[2] + "." + meth


def markdown(args, samples, threads):
    n = len(samples)
    pct = lambda k: f"{100.0 * k / n:.1f}%"
    self_c, total_c = collections.Counter(), collections.Counter()
    own_c, on_stack, own_f = collections.Counter(), collections.Counter(), collections.Counter()
    truncated = 0
    for s in samples:
        fr = s["frames"]
        self_c[fr[-1]] += 1
        for f in set(fr):
            total_c[f] += 1
        own_c[owner(fr)] += 1
        own_f[owner_frame(fr)] += 1
        for c in {component(f) for f in fr}:
            on_stack[c] += 1
        truncated += s["truncated"]
    lines = [f"# {args.title or os.path.basename(args.jfr)}", "",
             f"Source: `{os.path.basename(args.jfr)}`, event `{args.event}`, "
             f"window {args.from_ or 'start'}–{args.to or 'end'} UTC: **{n} samples**"
             f" ({truncated} with stacks cut at 64 frames). Made by `bench/flame.py`.", "",
             "Threads sampled: " + ", ".join(f"{k} {v}" for k, v in threads.most_common(8)) + ".", "",
             "## By component", "",
             "Charged = the sample's first non-JDK frame from the leaf (JDK code is charged to its caller). "
             "On stack = samples with any frame of the component.", "",
             "| Component | charged | % | on stack | % |", "|---|--:|--:|--:|--:|"]
    for c, k in own_c.most_common():
        lines.append(f"| {c} | {k} | {pct(k)} | {on_stack[c]} | {pct(on_stack[c])} |")
    lines += ["", "## Charged frames (the frame each sample is charged to, with the JDK code below it)", "",
              "| # | Frame | Component | charged | % |", "|--:|---|---|--:|--:|"]
    for i, (f, k) in enumerate(own_f.most_common(args.top), 1):
        lines.append(f"| {i} | `{f}` | {component(f)} | {k} | {pct(k)} |")
    for title, counter in (("Hottest frames, self (leaf of the sample)", self_c),
                           ("Hottest frames, total (on the stack)", total_c)):
        lines += ["", f"## {title}", "", "| # | Frame | Component | self | self % | total | total % |",
                  "|--:|---|---|--:|--:|--:|--:|"]
        for i, (f, _) in enumerate(counter.most_common(args.top), 1):
            lines.append(f"| {i} | `{f}` | {component(f)} | {self_c[f]} | {pct(self_c[f])} | "
                         f"{total_c[f]} | {pct(total_c[f])} |")
    return "\n".join(lines) + "\n"


def icicle(args, samples, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    tree = {}  # frame -> [count, children]
    for s in samples:
        level = tree
        for f in s["frames"]:
            node = level.setdefault(f, [0, {}])
            node[0] += 1
            level = node[1]
    n = len(samples)
    min_w = n * 0.001
    rects, depth_max = [], 0

    def walk(level, x, depth):
        nonlocal depth_max
        for f, (k, kids) in sorted(level.items(), key=lambda kv: -kv[1][0]):
            if k >= min_w:
                rects.append((x, depth, k, f))
                depth_max = max(depth_max, depth)
                walk(kids, x, depth + 1)
            x += k

    walk(tree, 0, 0)
    fig_w, row_h = 26, 0.21
    fig, ax = plt.subplots(figsize=(fig_w, 1.6 + row_h * (depth_max + 1)))
    for x, d, k, f in rects:
        ax.add_patch(plt.Rectangle((x, -d - 1), k, 1, facecolor=colour(component(f)),
                                   edgecolor="white", linewidth=0.3))
        label = short(f)
        chars = int(k / n * fig_w * 72 / 4.6)  # about 4.6 pt per character at size 6
        if chars >= 4:
            ax.text(x + n * 0.001, -d - 0.5, label if len(label) <= chars else label[:chars - 1] + "…",
                    va="center", ha="left", fontsize=6, clip_on=True)
    ax.set_xlim(0, n)
    ax.set_ylim(-depth_max - 1, 0)
    ax.set_yticks([])
    ax.set_xticks([0, n / 4, n / 2, 3 * n / 4, n])
    ax.set_xticklabels(["0", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(f"share of {n} samples ({args.event}); root at the top, callees below")
    ax.set_title(args.title or os.path.basename(args.jfr))
    present = {component(f) for _, _, _, f in rects}
    names = [c for c, _, _ in COMPONENTS] + ["other libraries", "JDK"]
    ax.legend(handles=[Patch(color=colour(c), label=c) for c in names if c in present],
              loc="lower right", fontsize=8, ncol=3)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.savefig(png, dpi=110)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("jfr")
    p.add_argument("--out", required=True, help="path prefix of NAME.md and NAME.png")
    p.add_argument("--event", default="jdk.ExecutionSample")
    p.add_argument("--from", dest="from_", default="", help="HH:MM:SS, as jfr print shows times")
    p.add_argument("--to", default="")
    p.add_argument("--title", default="")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--no-png", action="store_true")
    args = p.parse_args()
    samples, threads = read_samples(args.jfr, args.event, args.from_, args.to)
    if not samples:
        sys.exit("no samples in that window")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out + ".md", "w") as fh:
        fh.write(markdown(args, samples, threads))
    if not args.no_png:
        icicle(args, samples, args.out + ".png")
    print(f"{len(samples)} samples -> {args.out}.md" + ("" if args.no_png else f", {args.out}.png"))


if __name__ == "__main__":
    main()
