// cups_fixture: see the header. The config follows PLATFORM.md's recipe (cupsd without systemd).
#include "cups_fixture.hpp"

#include <arpa/inet.h>
#include <cups/cups.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace classbook::test {
namespace {

using namespace std::chrono_literals;

// cupsd is up in ~0.2 s here; 10 s means it will not come.
constexpr auto kStartTimeout = 10s;
constexpr auto kStopTimeout = 5s;
constexpr int kStartAttempts = 3;

// A queue that hands PDF on untouched: a raw queue with a file: device writes nothing (CUPS issue
// 5117), so the PDF is routed to a private type through gziptoany, which copies it as it is.
constexpr const char* kPassThroughPpd = R"ppd(*PPD-Adobe: "4.3"
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
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
)ppd";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

// The kernel's choice; it may be taken again before cupsd binds it, which start() notices.
int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  ::close(fd);
  return ntohs(a.sin_port);
}

namespace {

bool answers(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

std::string program(const std::string& name) {
  for (const char* dir : {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"})
    if (::access((dir + name).c_str(), X_OK) == 0) return dir + name;
  return {};
}

// Runs `argv` with its output in `log`; its exit status (-1: it could not run).
int run(const std::vector<std::string>& argv, const std::string& log) {
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

CupsFixture::CupsFixture() {
  REQUIRE(!dir_.path().empty());
  {
    INFO("cupsd or lpadmin is not installed: run ./setup (Debian packages cups, cups-client, cups-bsd)");
    REQUIRE(!program("cupsd").empty());
    REQUIRE(!program("lpadmin").empty());
  }
  // cupsd runs its filters as another user (lp): they must reach the spool inside the folder.
  ::chmod(dir_.path().c_str(), 0755);
  for (const char* sub : {"spool", "spool/tmp", "cache", "state", "log"})
    std::filesystem::create_directories(dir_.file(sub));
  std::ofstream(dir_.file("passthrough.ppd")) << kPassThroughPpd;
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    port_ = free_loopback_port();
    write_config();
    if (start()) return;
  }
  INFO("cupsd's output: " << read_file(dir_.file("cupsd.out")));
  INFO("its error_log: " << read_file(dir_.file("log/error_log")));
  FAIL("the private cupsd did not start");
}

CupsFixture::~CupsFixture() { stop(); }

void CupsFixture::write_config() {
  const bool root = ::geteuid() == 0;
  // As root cupsd refuses "User root": it runs filters as lp. Otherwise it stays who it is.
  std::string user = "lp", group = "lp", system_group = "root lpadmin";
  if (!root) {
    const passwd* pw = ::getpwuid(::geteuid());
    const struct group* gr = ::getgrgid(::getegid());
    REQUIRE((pw && gr));
    user = pw->pw_name;
    group = system_group = gr->gr_name;
  }
  const auto& d = dir_.path();
  std::ofstream(dir_.file("cups-files.conf")) << "FileDevice Yes\n"
                                              << "User " << user << "\nGroup " << group << "\n"
                                              << "SystemGroup " << system_group << "\n"
                                              << "ServerRoot " << d << "\n"
                                              << "StateDir " << d << "/state\n"
                                              << "CacheDir " << d << "/cache\n"
                                              << "RequestRoot " << d << "/spool\n"
                                              << "TempDir " << d << "/spool/tmp\n"
                                              << "ServerBin /usr/lib/cups\n"
                                              << "DataDir /usr/share/cups\n"
                                              << "AccessLog " << d << "/log/access_log\n"
                                              << "ErrorLog " << d << "/log/error_log\n"
                                              << "PageLog " << d << "/log/page_log\n";
  std::ofstream(dir_.file("cupsd.conf")) << "Listen 127.0.0.1:" << port_ << "\n"
                                         << "Listen " << socket_path() << "\n"
                                         << "LogLevel info\n"
                                         << "Browsing No\n"
                                         << "DefaultAuthType None\n"
                                         << "WebInterface No\n"
                                         << "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                         << "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n"
                                         << "  </Limit>\n</Policy>\n";
}

bool CupsFixture::start() {
  const std::string cupsd = program("cupsd"), out = dir_.file("cupsd.out");
  const std::string conf = dir_.file("cupsd.conf"), files = dir_.file("cups-files.conf");
  pid_ = ::fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execl(cupsd.c_str(), "cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // it died: most likely the port was taken
      pid_ = -1;
      return false;
    }
    if (answers(port_)) return true;
    std::this_thread::sleep_for(50ms);
  }
  stop();
  return false;
}

void CupsFixture::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  pid_ = -1;
}

void CupsFixture::admin(const std::string& command, const std::vector<std::string>& args) {
  const auto path = program(command);
  {
    INFO(command << " is not installed: run ./setup");
    REQUIRE(!path.empty());
  }
  std::vector<std::string> argv{path, "-h", server()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto log = dir_.file("admin.log");
  const int status = run(argv, log);
  INFO(command << " said: " << read_file(log));
  REQUIRE(status == 0);
}

void CupsFixture::add_queue(const std::string& name) {
  admin("lpadmin", {"-p", name, "-E", "-v", "file://" + output(name), "-P", dir_.file("passthrough.ppd")});
}

void CupsFixture::report(const std::string& queue, int printer_state, const std::vector<std::string>& reasons) {
  http_t* http = httpConnect2("127.0.0.1", port_, nullptr, AF_INET, HTTP_ENCRYPTION_NEVER, 1, 5000, nullptr);
  REQUIRE(http);
  ipp_t* request = ippNewRequest(IPP_OP_CUPS_ADD_MODIFY_PRINTER);
  const std::string uri = "ipp://localhost/printers/" + queue;
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddInteger(request, IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", printer_state);
  std::vector<const char*> words;
  for (const auto& r : reasons) words.push_back(r.c_str());
  ippAddStrings(request, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "printer-state-reasons", static_cast<int>(words.size()),
                nullptr, words.data());
  ipp_t* response = cupsDoRequest(http, request, "/admin/");
  const auto status = response ? ippGetStatusCode(response) : cupsLastError();
  const std::string said = cupsLastErrorString() ? cupsLastErrorString() : "";
  ippDelete(response);
  httpClose(http);
  INFO("CUPS-Add-Modify-Printer: " << said);
  REQUIRE(status <= IPP_STATUS_OK_EVENTS_COMPLETE);
}

}  // namespace classbook::test
