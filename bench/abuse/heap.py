#!/usr/bin/env python3
"""Peak heap of a Concierge process (-Xmx256m, as ./concierge runs it) under the memory attacks of
issue 10: bodies of empty objects, the largest valid messages/add, and pages of escaped texts.
Usage: bench/abuse/heap.py JAR [LABEL]. Only loopback; every scenario is bounded in count."""
import concurrent.futures, json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.request

JAR, LABEL = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
JAVA_HOME = sorted(d for d in os.listdir("/usr/lib/jvm") if "25" in d)[0]
JAVA = f"/usr/lib/jvm/{JAVA_HOME}/bin"
PORT = 18090
BASE = f"http://127.0.0.1:{PORT}/api/connector/v1/"
CREDS = {"ClientToken": "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D",
         "AccessToken": "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D", "Client": "heap"}

def post(op, body, timeout=120):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(BASE + op, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, len(r.read())
    except urllib.error.HTTPError as e:
        return e.code, len(e.read())
    except Exception as e:
        return type(e).__name__, 0

class Sampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True); self.pid, self.peak, self.running = pid, 0.0, True
    def run(self):
        p = subprocess.Popen([f"{JAVA}/jstat", "-gc", str(self.pid), "20"], stdout=subprocess.PIPE, text=True)
        header = None
        for line in p.stdout:
            cols = line.split()
            if not cols: continue
            if cols[0] == "S0C": header = cols; continue
            if header and self.running:
                v = dict(zip(header, cols))
                try:
                    used = sum(float(v[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024
                    self.peak = max(self.peak, used)
                except (KeyError, ValueError): pass
            if not self.running: p.kill(); return
    def reset(self): self.peak = 0.0

def scenario(name, sampler, fn):
    if STATE["server"].poll() is not None:
        print(f"{LABEL:6} (the server had exited; started again)", flush=True)
        start()
    sampler = STATE["sampler"]
    subprocess.run([f"{JAVA}/jcmd", str(sampler.pid), "GC.run"], capture_output=True)
    time.sleep(0.5); sampler.reset()
    results = fn()
    time.sleep(0.5)
    print(f"{LABEL:6} {name:58} peak heap {sampler.peak:6.0f} MiB  answers {results}", flush=True)

def many(n, f):
    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return sorted(str(r[0]) for r in pool.map(lambda _: f(), range(n)))

STATE = {}
DATA = tempfile.mkdtemp()

def start():
    env = dict(os.environ, CONCIERGE_PORT=str(PORT), CONCIERGE_HOST="127.0.0.1", CONCIERGE_DB_URL=f"jdbc:h2:file:{DATA}/db",
               CONCIERGE_ADMIN_TOKEN="a" * 40, CONCIERGE_RATE_LIMIT_REQUESTS="1000000")
    log = open(f"{DATA}/server.log", "a")
    STATE["server"] = subprocess.Popen([f"{JAVA}/java", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", JAR],
                                       env=env, stdout=log, stderr=log)
    for _ in range(100):
        if post("messageThreads/getAll", {})[0] != "URLError": break
        time.sleep(0.2)
    if "sampler" in STATE: STATE["sampler"].running = False
    STATE["sampler"] = Sampler(STATE["server"].pid); STATE["sampler"].start()

def main():
    data = DATA
    start()
    try:
        sampler = STATE["sampler"]
        bomb = b'{"x":[{}' + b',{}' * ((16 * 1024 * 1024 - 16) // 3) + b']}'
        scenario("16 MiB of {} x1", sampler, lambda: [post("messageThreads/getAll", bomb)[0]])
        scenario("16 MiB of {} x4 at once", sampler, lambda: many(4, lambda: post("messageThreads/getAll", bomb)))
        if STATE["server"].poll() is not None: start()
        thread = json.loads(urllib.request.urlopen(urllib.request.Request(BASE + "messageThreads/add",
            data=json.dumps({**CREDS, "OriginalSender": "a", "Subject": "b"}).encode())).read())["MessageThreads"][0]["Id"]
        text = "\u00e9" * 6690 + "a" * 3310  # 10,000 characters, 16,690 bytes of UTF-8
        largest = json.dumps({**CREDS, "Messages": [{"MessageThreadId": thread, "Text": text}] * 1000}, ensure_ascii=False).encode()
        scenario(f"valid messages/add, {len(largest)/2**20:.1f} MiB, x1", sampler, lambda: [post("messages/add", largest)[0]])
        scenario(f"valid messages/add, {len(largest)/2**20:.1f} MiB, x2 at once", sampler, lambda: many(2, lambda: post("messages/add", largest)))
        escaped = "\u0001" * 10000
        for _ in range(10):
            post("messages/add", {**CREDS, "Messages": [{"MessageThreadId": thread, "Text": escaped}] * 100})
        page = {**CREDS, "MessageThreadIds": [thread], "Limitation": {"Count": 1000}}
        scenario("getAll page of 1000 escaped texts (60 MB) x1", sampler, lambda: [post("messages/getAll", page)])
        scenario("getAll page of 1000 escaped texts (60 MB) x4 at once", sampler, lambda: many(4, lambda: post("messages/getAll", page)))
        STATE["sampler"].running = False
        server = STATE["server"]
        print(f"{LABEL:6} server alive at the end: {server.poll() is None}; OutOfMemoryError in log: "
              f"{'OutOfMemoryError' in open(f'{data}/server.log').read()}")
    finally:
        STATE["server"].kill(); STATE["server"].wait(); shutil.rmtree(data, ignore_errors=True)

main()
