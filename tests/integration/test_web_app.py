"""The browser app as the box serves it: a real classbookd over TLS, the bundle server/web/build.mjs
made and the build embedded — hashed bundles cached as immutable, the page itself revalidated,
gzip when asked for, 304 on a held ETag, the app's own pages answered with the page, and a strict
Content-Security-Policy on all of it."""
import gzip
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402


class WebApp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30, weeks=1).start()
        cls.c = cls.box.client()

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def get(self, path, **headers):
        status, body = self.c.request("GET", path, headers={"Accept": "*/*", **headers})
        return status, body, dict(self.c.last_headers)

    def raw(self, path, **headers):
        """The body as bytes, not decoded: to see gzip as it came."""
        h = {"Accept": "*/*", **headers}
        self.c.conn.request("GET", path, headers=h)
        r = self.c.conn.getresponse()
        return r.status, r.read(), {k.lower(): v for k, v in r.getheaders()}

    def assets(self):
        status, page, _ = self.get("/")
        self.assertEqual(status, 200)
        scripts = re.findall(r'<script type="module" src="(/assets/[^"]+\.js)"', page)
        styles = re.findall(r'<link rel="stylesheet" href="(/assets/[^"]+\.css)"', page)
        self.assertEqual((len(scripts), len(styles)), (1, 1), page)
        return scripts[0], styles[0]

    def test_the_page_is_revalidated_and_names_hashed_bundles(self):
        status, page, h = self.get("/")
        self.assertEqual(status, 200)
        self.assertTrue(h["content-type"].startswith("text/html"), h)
        self.assertEqual(h["cache-control"], "no-cache")
        script, style = self.assets()
        for path in (script, style):
            self.assertRegex(path, r"/assets/main-[A-Z0-9]{8}\.(js|css)$", "a bundle's name carries its content hash")
        self.assertNotIn("<script>", page, "no inline script: the CSP would refuse it")

    def test_bundles_are_immutable_and_typed(self):
        script, style = self.assets()
        for path, kind in ((script, "text/javascript"), (style, "text/css")):
            status, body, h = self.get(path)
            self.assertEqual(status, 200, path)
            self.assertTrue(h["content-type"].startswith(kind), h)
            self.assertEqual(h["cache-control"], "public, max-age=31536000, immutable")
            self.assertGreater(len(body), 100)

    def test_gzip_only_when_the_browser_accepts_it(self):
        script, _ = self.assets()
        status, plain, h = self.raw(script)
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", h)
        self.assertEqual(h.get("vary"), "Accept-Encoding")
        status, packed, h = self.raw(script, **{"Accept-Encoding": "br, gzip;q=0.8"})
        self.assertEqual((status, h.get("content-encoding")), (200, "gzip"))
        self.assertLess(len(packed), len(plain))
        self.assertEqual(gzip.decompress(packed), plain, "the gzipped bundle is the same bundle")
        status, again, h = self.raw(script, **{"Accept-Encoding": "gzip;q=0, deflate"})
        self.assertEqual((status, h.get("content-encoding"), again), (200, None, plain), "q=0 refuses gzip")

    def test_a_held_etag_answers_304_without_a_body(self):
        status, _, h = self.raw("/")
        etag = h["etag"]
        self.assertRegex(etag, r'^"[0-9a-f]{20}"$')
        status, body, h = self.raw("/", **{"If-None-Match": etag})
        self.assertEqual((status, body), (304, b""))
        status, body, h = self.raw("/", **{"If-None-Match": '"0000"'})
        self.assertEqual(status, 200)
        self.assertGreater(len(body), 0)

    def test_the_apps_own_pages_answer_with_the_page(self):
        _, page, _ = self.get("/")
        for path in ("/diary", "/diary/2026-W48", "/pupils/3f0e/term/2"):
            status, body, h = self.get(path)
            self.assertEqual((status, body), (200, page), path)
            self.assertEqual(h["cache-control"], "no-cache")

    def test_missing_files_and_api_paths_stay_404(self):
        for path in ("/assets/main-NOTTHERE.js", "/favicon.ico", "/assets/chunks/x/y.css"):
            status, body, _ = self.get(path)
            self.assertEqual(status, 404, path)
            self.assertEqual(body["error"]["code"], "request.no_such_page", path)
        status, body, _ = self.get("/api/v2/diary")
        self.assertEqual((status, body["error"]["code"]), (404, "request.no_such_page"))
        status, body = self.c.request("POST", "/some/page", body={})
        self.assertEqual(status, 404, "only GET reads the app")

    def test_a_strict_content_security_policy_on_every_file(self):
        script, style = self.assets()
        for path in ("/", script, style, "/diary/2026-W48"):
            _, _, h = self.get(path)
            csp = h["content-security-policy"]
            self.assertIn("default-src 'self'", csp, path)
            self.assertIn("script-src 'self'", csp, path)
            self.assertIn("frame-ancestors 'none'", csp, path)
            self.assertNotIn("unsafe-inline", csp, path)
            self.assertNotIn("unsafe-eval", csp, path)
            self.assertEqual(h["x-content-type-options"], "nosniff", path)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
