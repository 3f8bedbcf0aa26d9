# The language server's answer to a change, as a whole process: `planc lsp`
# over stdio (a release binary), from `didChange` with a file's whole text
# to `publishDiagnostics` for every file of the plan, alternating a clean
# text and one with a misspelt battle (exactly one diagnostic).
#
# Two cases on `../shared/bench/gen_plan.py 1000`: the plan in one file, and
# the same plan split over a root (plan, pools, metrics, goals, paths) and
# 20 parts of 50 battles, a change in part 7 (issue 13: within 1.5x of the
# one-file figure). benches/lsp.rs measures the same through the server loop
# in memory; this one needs no release build of the dev-dependencies.
#
#   python3 /work/shared/bench/gen_plan.py 1000 > /tmp/pb/p1000.plan
#   python3 benches/lsp_stdio.py target/release/planc 20
import tempfile
import json, os, subprocess, sys, time, re, statistics, shutil

PLANC = os.path.abspath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix='planc-lsp-')
N = int(sys.argv[2]) if len(sys.argv) > 2 else 30
src = open(os.environ.get('PLAN', '/tmp/pb/p1000.plan')).read()

def frame(obj):
    b = json.dumps(obj).encode()
    return b'Content-Length: %d\r\n\r\n' % len(b) + b

class Client:
    def __init__(self, cwd):
        self.p = subprocess.Popen([PLANC, 'lsp'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
    def send(self, obj):
        self.p.stdin.write(frame(obj)); self.p.stdin.flush()
    def recv(self):
        n = None
        while True:
            line = self.p.stdout.readline()
            if line in (b'\r\n', b'\n'):
                break
            if line.lower().startswith(b'content-length:'):
                n = int(line.split(b':')[1])
        return json.loads(self.p.stdout.read(n))
    def wait_publishes(self, k):
        got = []
        while len(got) < k:
            m = self.recv()
            if m.get('method') == 'textDocument/publishDiagnostics':
                got.append(m['params'])
        return got

def run(root, uri, text, faulty, files):
    c = Client(root)
    c.send({'jsonrpc': '2.0', 'id': 1, 'method': 'initialize', 'params': {'capabilities': {}, 'rootUri': 'file://' + root}})
    while 'id' not in c.recv():
        pass
    c.send({'jsonrpc': '2.0', 'method': 'initialized', 'params': {}})
    c.send({'jsonrpc': '2.0', 'method': 'textDocument/didOpen', 'params': {'textDocument': {'uri': uri, 'languageId': 'plan', 'version': 0, 'text': text}}})
    first = c.wait_publishes(files)
    assert sum(len(p['diagnostics']) for p in first) == 0, first[:2]
    times = []
    for v in range(1, N + 1):
        t = faulty if v % 2 else text
        t0 = time.perf_counter()
        c.send({'jsonrpc': '2.0', 'method': 'textDocument/didChange', 'params': {'textDocument': {'uri': uri, 'version': v}, 'contentChanges': [{'text': t}]}})
        ps = c.wait_publishes(files)
        times.append((time.perf_counter() - t0) * 1000)
        n = sum(len(p['diagnostics']) for p in ps)
        assert n == (1 if v % 2 else 0), (v, n)
    c.p.kill()
    return times

# One file.
one = os.path.join(WORK, 'one'); shutil.rmtree(one, ignore_errors=True); os.makedirs(one + '/.git')
open(one + '/plan.plan', 'w').write(src)
faulty = src.replace('  for b7\n', '  for b7x\n', 1)
assert faulty != src
t1 = run(one, 'file://' + one + '/plan.plan', src, faulty, 1)

# Twenty parts: the head (plan, pools, metrics, goals, paths) in the root.
many = os.path.join(WORK, 'many'); shutil.rmtree(many, ignore_errors=True); os.makedirs(many + '/.git'); os.makedirs(many + '/parts')
first = src.index('\nbattle ')
head = src[:first + 1].replace('  period 2026-01-01 .. 2027-12-31\n', '  period 2026-01-01 .. 2027-12-31\n  include "parts/*.plan"\n', 1)
assert 'include' in head
open(many + '/plan.plan', 'w').write(head)
rest = src[first + 1:]
chunks = re.split(r'(?m)^(?=battle )', rest)
chunks = [c for c in chunks if c]
per = (len(chunks) + 19) // 20
parts = [''.join(chunks[i * per:(i + 1) * per]) for i in range(20)]
for i, p in enumerate(parts):
    open(many + '/parts/part_%02d.plan' % i, 'w').write(p)
part = parts[7]
pf = part.replace('  for b357\n', '  for b357x\n', 1)
assert pf != part, 'b357 not in part 7'
t20 = run(many, 'file://' + many + '/parts/part_07.plan', part, pf, 21)

def show(name, t):
    t = sorted(t)
    print('%-28s median %.1f ms  min %.1f  p90 %.1f  (n=%d)' % (name, statistics.median(t), t[0], t[int(len(t) * 0.9) - 1], len(t)))
show('one file, 1 000 battles', t1)
show('part 7 of 20 files', t20)
print('ratio of medians %.2f' % (statistics.median(t20) / statistics.median(t1)))
shutil.rmtree(WORK, ignore_errors=True)
