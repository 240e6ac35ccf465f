"""A private cupsd for integration tests (PLATFORM.md's recipe): its own folder, a loopback port,
queues that write each job's PDF to a file untouched (a pass-through PPD: a raw queue with a file:
device writes nothing, CUPS issue 5117). Mirrors tests/support/cups_fixture.cpp for the Python tests."""
import os
import pwd
import grp
import shutil
import socket
import subprocess
import tempfile
import time

PASS_THROUGH_PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "CBPASS.PPD"
*Manufacturer: "Classbook"
*Product: "(Classbook pass-through PDF)"
*ModelName: "Classbook pass-through PDF"
*ShortNickName: "Classbook pass-through PDF"
*NickName: "Classbook pass-through PDF"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/pdf application/vnd.classbook-pdf 0 gziptoany"
*OpenUI *PageSize/Page Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
"""


def program(name):
    for d in ("/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        if os.access(os.path.join(d, name), os.X_OK):
            return os.path.join(d, name)
    raise RuntimeError(f"{name} is not installed: run ./setup (Debian packages cups, cups-client, cups-bsd)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cupsd:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="classbook-cupsd-")
        os.chmod(self.dir, 0o755)  # cupsd runs its filters as lp: they must reach the spool
        for sub in ("spool/tmp", "cache", "state", "log", "out"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        os.chmod(os.path.join(self.dir, "out"), 0o777)
        with open(os.path.join(self.dir, "passthrough.ppd"), "w") as f:
            f.write(PASS_THROUGH_PPD)
        self.port = free_port()
        self.proc = None
        self._write_config()
        self.start()

    @property
    def server(self):
        return f"127.0.0.1:{self.port}"

    def _write_config(self):
        d = self.dir
        if os.geteuid() == 0:
            user, group, system = "lp", "lp", "root lpadmin"
        else:
            user = pwd.getpwuid(os.geteuid()).pw_name
            group = system = grp.getgrgid(os.getegid()).gr_name
        with open(os.path.join(d, "cups-files.conf"), "w") as f:
            f.write(f"FileDevice Yes\nUser {user}\nGroup {group}\nSystemGroup {system}\nServerRoot {d}\n"
                    f"StateDir {d}/state\nCacheDir {d}/cache\nRequestRoot {d}/spool\nTempDir {d}/spool/tmp\n"
                    f"ServerBin /usr/lib/cups\nDataDir /usr/share/cups\nAccessLog {d}/log/access_log\n"
                    f"ErrorLog {d}/log/error_log\nPageLog {d}/log/page_log\n")
        with open(os.path.join(d, "cupsd.conf"), "w") as f:
            f.write(f"Listen 127.0.0.1:{self.port}\nLogLevel info\nBrowsing No\nDefaultAuthType None\nWebInterface No\n"
                    "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                    "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n")

    def start(self):
        """Starts cupsd (again, on the same port and folder: its queues and held jobs come back)."""
        out = open(os.path.join(self.dir, "cupsd.out"), "a")
        self.proc = subprocess.Popen([program("cupsd"), "-f", "-c", os.path.join(self.dir, "cupsd.conf"),
                                      "-s", os.path.join(self.dir, "cups-files.conf")], stdout=out, stderr=out)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the private cupsd died: " + open(os.path.join(self.dir, "cupsd.out")).read())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the private cupsd did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def admin(self, command, *args):
        r = subprocess.run([program(command), "-h", self.server, *args], capture_output=True, text=True, timeout=30)
        if r.returncode != 0:
            raise RuntimeError(f"{command} {' '.join(args)}: {r.stdout}{r.stderr}")

    def output(self, queue):
        return os.path.join(self.dir, "out", queue + ".pdf")

    def add_queue(self, queue):
        self.admin("lpadmin", "-p", queue, "-E", "-v", "file://" + self.output(queue),
                   "-P", os.path.join(self.dir, "passthrough.ppd"))

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
