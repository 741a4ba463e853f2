"""Issue 13's upload figure: a worker's phone sends a 200 MB video through the real API, streamed; the
server's resident memory must grow by less than 64 MB (the bytes go to disk as they arrive, never whole into
memory). Then a phone seeks: the last megabyte by a range request. Against the debug build the browser suite
uses (`swift build --product carecoop`), on SQLite (the memory is the web layer's, not the database's); run
`Benchmarks/media/run`. Prints figures; asserts what must hold.
"""
import hashlib
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "Browser"))
import server as server_module  # noqa: E402

MB = 1024 * 1024


call = server_module.call  # the API as the browser suite calls it


def rss_kib(pid, field="VmRSS"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def video_chunks(total, block):
    """An MP4's first bytes, then filler, 1 MB at a time, hashed on the way."""
    head = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * (block - 12)
    filler = bytes(range(256)) * (block // 256)
    digest = hashlib.sha256()
    sent = 0
    while sent < total:
        chunk = head if sent == 0 else filler
        chunk = chunk[: total - sent]
        digest.update(chunk)
        sent += len(chunk)
        yield chunk
    video_chunks.digest = digest.hexdigest()


class Browser:
    """A browser's part, by hand: cookies kept from each answer (Secure ones too: this is loopback), the form
    token read from each page."""

    def __init__(self, host):
        self.host, self.cookies = host, {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host.hostname, self.host.port, timeout=600)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, data.decode("utf-8", "replace")

    @staticmethod
    def token(html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def sign_in(self, email, password):
        _, page = self.request("GET", "/sign-in")
        form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": self.token(page)})
        status, _ = self.request("POST", "/sign-in", form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, status


def form_upload(browser, person, consent, total):
    """The media page's form, as a browser sends it: the token and fields first, the file last, streamed."""
    _, page = browser.request("GET", f"/teams/{person}/media")
    boundary = "----carecoop-bench-boundary"
    fields = {"csrf_token": Browser.token(page), "kind": "video", "caption": "Benchmark video (form)",
              "consentID": consent, "visitID": ""}
    head = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                    for k, v in fields.items())
    head += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.mp4"\r\n'
             f"Content-Type: video/mp4\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    def body():
        yield head
        yield from video_chunks(total, MB)
        yield tail

    status, answer = browser.request(
        "POST", f"/teams/{person}/media", body(),
        {"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(len(head) + total + len(tail))})
    assert status == 303, (status, answer[:2000])


def measured(pid, work):
    """Runs `work`, sampling the process's resident memory every 20 ms: (seconds, before, peak, after) in KiB."""
    before = rss_kib(pid)
    peak = [before]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_kib(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    t0 = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    return result, seconds, before, peak[0], rss_kib(pid)


def main(size_mb=200):
    work = Path("/tmp/carecoop-upload-bench")
    work.mkdir(exist_ok=True)
    server = server_module.start(work)
    try:
        pid = server.process.pid
        login = lambda role: call(server, "POST", "/api/v1/sessions",  # noqa: E731
                                  body={"email": server.emails[role], "password": server.password})["token"]
        arranger, worker = login("arranger"), login("team_worker")
        name = call(server, "GET", "/api/v1/me", login("person"))["name"]
        people = call(server, "GET", "/api/v1/people", login("admin"))
        person = next(p["personID"] for p in people if p["name"] == name)
        consent = call(server, "POST", f"/api/v1/teams/{person}/media/consents", arranger,
                       {"kind": "video", "about": "the benchmark's long video", "audience": "workers", "keepDays": 1})
        query = urllib.parse.urlencode({"kind": "video", "caption": "Benchmark video", "consentID": consent["id"]})
        host = urllib.parse.urlsplit(server.base)

        def upload(total):
            connection = http.client.HTTPConnection(host.hostname, host.port, timeout=600)
            connection.request("POST", f"/api/v1/teams/{person}/media?{query}", body=video_chunks(total, MB),
                               headers={"Authorization": f"Bearer {worker}", "Content-Type": "application/octet-stream",
                                        "Content-Length": str(total)})
            response = connection.getresponse()
            body = response.read()
            connection.close()
            assert response.status == 201, (response.status, body[:500])
            return json.loads(body)

        upload(4 * MB)  # warm up the paths once, so the figure is the upload's, not first use's
        item, seconds, before, peak, after = measured(pid, lambda: upload(size_mb * MB))
        assert item["bytes"] == size_mb * MB and item["sha256"] == video_chunks.digest, item
        growth = (peak - before) / 1024
        print(f"API upload of {size_mb} MB (streamed, one request): {seconds:.1f} s, {size_mb / seconds:.0f} MB/s; "
              f"server resident memory {before / 1024:.0f} MB before, at most {peak / 1024:.0f} MB during "
              f"(+{growth:.1f} MB), {after / 1024:.0f} MB after; size and SHA-256 as sent")
        assert growth < 64, f"resident memory grew by {growth:.1f} MB"
        # The same through the page's form (multipart), as the arranger.
        browser = Browser(host)
        browser.sign_in(server.emails["arranger"], server.password)
        _, form_seconds, form_before, form_peak, form_after = measured(
            pid, lambda: form_upload(browser, person, consent["id"], size_mb * MB))
        form_growth = (form_peak - form_before) / 1024
        print(f"form upload of {size_mb} MB (multipart, streamed): {form_seconds:.1f} s, "
              f"{size_mb / form_seconds:.0f} MB/s; resident memory {form_before / 1024:.0f} MB before, at most "
              f"{form_peak / 1024:.0f} MB during (+{form_growth:.1f} MB), {form_after / 1024:.0f} MB after")
        assert form_growth < 64, f"resident memory grew by {form_growth:.1f} MB"
        # A phone seeking: the last megabyte by range.
        request = urllib.request.Request(server.url(item["content"]))
        request.add_header("Authorization", f"Bearer {worker}")
        request.add_header("Range", f"bytes=-{MB}")
        t1 = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            tail = response.read()
            status, content_range = response.status, response.headers["Content-Range"]
        seek_ms = (time.perf_counter() - t1) * 1000
        assert status == 206 and len(tail) == MB, (status, len(tail))
        print(f"seek: the last 1 MB by range in {seek_ms:.0f} ms ({status}, {content_range})")
    finally:
        server.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
