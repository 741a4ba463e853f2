"""Invoice runs survive the server being killed: the finance hat credits the latest invoice (so its visits are
billed again) and runs invoices over the same days (each run with its own Idempotency-Key), over and over from
2 clients, while the server is killed with SIGKILL at a random moment and started again on the same database
— CARECOOP_CRASH_KILLS times (20 in CI). Afterwards every acknowledged run and credit note is kept and a run
sent again answers as the first time; invoice and credit note numbers run 1, 2, … without a gap; no invoice
is half written (each has its lines, a credit note undoes the whole of one invoice); each visit's use of
hours is billed at most once at a time. On SQLite and on PostgreSQL."""
import os
import random
import threading
import urllib.error

import pytest

import server as server_module
from server import call, call_with_key

KILLS = int(os.environ.get("CARECOOP_CRASH_KILLS", "20"))


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_every_acknowledged_invoice_run_survives_kills(artifacts, engine):
    folder = artifacts / f"crash-invoices-{engine}"
    folder.mkdir(exist_ok=True)
    server, cluster = server_module.start_on(folder, engine)

    def rows(query):
        return server_module.rows(server, cluster, query)

    try:
        token = server_module.sign_in(server, "finance")
        first = call(server, "GET", "/api/v1/invoices", token)
        assert first, "the demo issues an invoice"
        days = {"from": first[0]["from"], "through": first[0]["through"]}
        runs = {}  # key → (run id, references)
        credits = {}  # invoice id → credit note id
        lock = threading.Lock()
        rng = random.Random(2)

        def client(round_, n, stop):
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    listed = call(server, "GET", "/api/v1/invoices", token)
                    credited = {v["credits"] for v in listed if v.get("credits")}
                    open_ = [v for v in listed if v["series"] == "invoice" and v["id"] not in credited]
                    if open_:
                        status, note, _ = call_with_key(server, f"/api/v1/invoices/{open_[0]['id']}/credit", token,
                                                        {"reason": f"Crash test {round_}-{n}-{i}"}, key=None)
                        if status == 201:
                            with lock:
                                credits[open_[0]["id"]] = note["id"]
                    key = f"crash-{round_}-{n}-{i}"
                    status, run, _ = call_with_key(server, "/api/v1/invoice-runs", token, days, key)
                    if status == 201:
                        with lock:
                            runs[key] = (run["id"], sorted(v["reference"] for v in run["invoices"]))
                except (urllib.error.URLError, ConnectionError, OSError, TypeError, KeyError):
                    return  # the server is gone (or answered half a body as it went)

        server_module.with_kills(server, KILLS, 2, client, rng, pause=(0.5, 2.0))
        issued = [r for r in runs.values() if r[1]]
        assert len(issued) > KILLS // 2, f"only {len(issued)} acknowledged runs issued an invoice"
        # Every acknowledged run is kept, and sent again answers as the first time.
        kept = {r[0] for r in rows("SELECT idempotency_key FROM invoice_runs WHERE idempotency_key LIKE 'crash-%'")}
        missing = [k for k in runs if k not in kept]
        assert not missing, f"{len(missing)} of {len(runs)} acknowledged runs lost: {missing[:5]}"
        for key in rng.sample(sorted(runs), min(20, len(runs))):
            status, run, replayed = call_with_key(server, "/api/v1/invoice-runs", token, days, key)
            assert (status, run["id"], replayed) == (201, runs[key][0], True), key
            assert sorted(v["reference"] for v in run["invoices"]) == runs[key][1], key
        # Every acknowledged credit note is kept.
        for invoice, note in credits.items():
            assert call(server, "GET", f"/api/v1/invoices/{note}", token)["credits"] == invoice, note
        # Numbers without a gap, in each series.
        for series in ("invoice", "credit"):
            numbers = sorted(int(r[0]) for r in rows(f"SELECT number FROM invoices WHERE series = '{series}'"))
            assert numbers == list(range(1, len(numbers) + 1)), f"{series} numbers have a gap: {numbers}"
        # No invoice half written; a credit note undoes the whole of its invoice.
        empty = rows("SELECT i.id FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id"
                     " GROUP BY i.id HAVING COUNT(l.id) = 0")
        assert not empty, f"{len(empty)} invoices without lines"
        totals = rows("SELECT i.id, i.credits, CAST(SUM(l.pence) AS BIGINT) FROM invoices i"
                      " JOIN invoice_lines l ON l.invoice_id = i.id GROUP BY i.id, i.credits")
        pence = {r[0]: int(r[2]) for r in totals}
        unbalanced = [r for r in totals if r[1] not in ("", "None") and int(r[2]) != -pence[r[1]]]
        assert not unbalanced, f"{len(unbalanced)} credit notes that do not undo their invoice"
        # Each use of hours billed at most once at a time: its lines' signs sum to 0 or 1.
        twice = rows("SELECT entry_id FROM invoice_lines GROUP BY entry_id HAVING SUM(sign) NOT IN (0, 1)")
        assert not twice, f"{len(twice)} uses billed twice"
        print(f"{engine}: {KILLS} kills, {len(runs)} acknowledged runs ({len(issued)} issuing an invoice), "
              f"{len(credits)} credit notes, all kept")
    finally:
        server.stop()
        if cluster:
            cluster.stop()
