// classbook-loadgen: the benchmark's HTTPS load generator — keep-alive TLS connections to a loopback
// server, closed loop or open loop at a fixed rate, and one line of JSON with throughput and latency.
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr const char* tls_host_name = "localhost";  // the box certificate is made with --host localhost
constexpr auto connect_timeout = std::chrono::seconds(10);
constexpr auto response_timeout = std::chrono::seconds(30);
constexpr auto reconnect_delay = std::chrono::milliseconds(100);
constexpr std::uint64_t response_body_limit = 16 * 1024 * 1024;
constexpr int max_connections = 4096;
constexpr double max_duration_seconds = 3600;
constexpr double max_warmup_seconds = 600;
constexpr double max_rate = 1'000'000;
constexpr int max_threads = 2;
constexpr int error_reports_shown = 5;       // first few error bodies / messages go to stderr
constexpr std::size_t error_body_shown = 400;  // characters of each

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string ca_file;
  int connections = 8;
  double duration = 10;
  double warmup = 1;
  double rate = 0;  // requests per second over all connections; 0 = closed loop
  std::string mode = "get";
  std::string targets_file, cookie_file, cards_file, kiosk_key;
  int threads = 1;
};

// What the run shares between connections: read-only once traffic starts, except the report counter.
struct Run {
  Options opt;
  std::vector<std::string> targets, cookies, cards;
  tcp::endpoint endpoint;
  Clock::time_point start, measure_from, end;
  std::atomic<int> errors_reported{0};
  std::mutex stderr_mutex;
};

// One connection's counts; owned by main, written only from that connection's strand.
struct Tally {
  std::uint64_t requests = 0, errors = 0, non2xx = 0;
  std::vector<double> latencies_ms;
};

void report_error(Run& run, const std::string& text) {
  if (run.errors_reported.fetch_add(1) >= error_reports_shown) return;
  std::lock_guard lock(run.stderr_mutex);
  std::fprintf(stderr, "loadgen: %s\n", text.c_str());
}

// A tap id as the kiosk's spool makes it (new_uuid_v7): the millisecond first, then random bits.
std::string tap_id_v7(std::mt19937_64& rng) {
  std::array<unsigned char, 16> b;
  for (std::size_t i = 0; i < b.size(); i += 8) {
    const auto r = rng();
    for (std::size_t k = 0; k < 8; ++k) b[i + k] = static_cast<unsigned char>(r >> (8 * k));
  }
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  for (std::size_t i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x70);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[b[i] >> 4];
    s += hex[b[i] & 15];
  }
  return s;
}

std::string utc_now_text() {
  const auto now = std::chrono::system_clock::now();
  const auto t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];  // room for any int the format could see, so GCC can prove no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::any_io_executor ex, ssl::context& tls, Run& run, Tally& tally, int index)
      : ex_(std::move(ex)), tls_(tls), run_(run), tally_(tally), timer_(ex_),
        rng_(std::random_device{}() ^ (static_cast<std::uint64_t>(index) << 32)) {
    if (run_.opt.rate > 0) {
      // Each connection sends every connections/rate seconds, staggered so the sum is even.
      interval_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(run_.opt.connections / run_.opt.rate));
      next_due_ = run_.start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(index / run_.opt.rate));
    }
    if (!run_.cookies.empty()) cookie_ = run_.cookies[static_cast<std::size_t>(index) % run_.cookies.size()];
  }

  void start() { net::dispatch(ex_, beast::bind_front_handler(&Connection::do_connect, shared_from_this())); }

 private:
  void do_connect() {
    buffer_.clear();
    stream_.emplace(ex_, tls_);
    if (!SSL_set_tlsext_host_name(stream_->native_handle(), tls_host_name)) {
      beast::error_code ec{static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()};
      return fail(ec, "sni");
    }
    stream_->set_verify_mode(ssl::verify_peer);
    stream_->set_verify_callback(ssl::host_name_verification(tls_host_name));
    beast::get_lowest_layer(*stream_).expires_after(connect_timeout);
    beast::get_lowest_layer(*stream_).async_connect(run_.endpoint,
                                                    beast::bind_front_handler(&Connection::on_connect, shared_from_this()));
  }

  void on_connect(beast::error_code ec) {
    if (ec) return fail(ec, "connect");
    beast::get_lowest_layer(*stream_).socket().set_option(tcp::no_delay(true), ec);
    stream_->async_handshake(ssl::stream_base::client, beast::bind_front_handler(&Connection::on_handshake, shared_from_this()));
  }

  void on_handshake(beast::error_code ec) {
    if (ec) return fail(ec, "handshake");
    beast::get_lowest_layer(*stream_).expires_never();
    if (pending_) return do_write();  // a request was due while we reconnected
    schedule_next();
  }

  // Closed loop: the next request now. Open loop: the next slot of this connection's schedule;
  // a slot already past is sent at once and its latency still counts from the slot.
  void schedule_next() {
    const auto now = Clock::now();
    if (run_.opt.rate <= 0) {
      due_ = now;
    } else {
      due_ = next_due_;
      next_due_ += interval_;
    }
    if (due_ >= run_.end) return;  // the run is over for this connection
    pending_ = true;
    if (due_ <= now) return do_write();
    timer_.expires_at(due_);
    timer_.async_wait(beast::bind_front_handler(&Connection::on_due, shared_from_this()));
  }

  void on_due(beast::error_code ec) {
    if (ec) return;
    do_write();
  }

  void do_write() {
    build_request();
    if (run_.opt.rate <= 0) due_ = Clock::now();
    beast::get_lowest_layer(*stream_).expires_after(response_timeout);
    http::async_write(*stream_, req_, beast::bind_front_handler(&Connection::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "write");
    parser_.emplace();
    parser_->body_limit(response_body_limit);
    http::async_read(*stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "read");
    pending_ = false;
    const auto done = Clock::now();
    const auto& res = parser_->get();
    const bool measured = done >= run_.measure_from && done <= run_.end;
    const unsigned status = res.result_int();
    if (status < 200 || status > 299) {
      ++tally_.errors;
      ++tally_.non2xx;
      report_error(run_, "HTTP " + std::to_string(status) + " for " + std::string(req_.target()) + ": " +
                             res.body().substr(0, error_body_shown));
    } else if (measured) {
      ++tally_.requests;
      tally_.latencies_ms.push_back(std::chrono::duration<double, std::milli>(done - due_).count());
    }
    if (!res.keep_alive()) {  // the server ends keep-alive politely: not an error, just reconnect
      stream_.reset();
      return do_connect_after_close();
    }
    schedule_next();
  }

  void do_connect_after_close() {
    if (Clock::now() >= run_.end) return;
    do_connect();
  }

  void fail(beast::error_code ec, const char* what) {
    if (Clock::now() >= run_.end) return;  // traffic cut off by the end of the run is not an error
    ++tally_.errors;
    report_error(run_, std::string(what) + ": " + ec.message());
    stream_.reset();
    timer_.expires_after(reconnect_delay);
    timer_.async_wait([self = shared_from_this()](beast::error_code e) {
      if (!e) self->do_connect_after_close();
    });
  }

  void build_request() {
    const auto& o = run_.opt;
    req_ = {};
    req_.version(11);
    req_.set(http::field::host, tls_host_name);
    req_.set(http::field::user_agent, "classbook-loadgen");
    req_.set(http::field::accept, "application/json");
    if (o.mode == "taps") {
      req_.method(http::verb::post);
      req_.target("/api/v1/taps");
      req_.set(http::field::authorization, "Bearer " + o.kiosk_key);
      req_.set(http::field::content_type, "application/json");
      const auto& card = run_.cards[std::uniform_int_distribution<std::size_t>(0, run_.cards.size() - 1)(rng_)];
      req_.body() = R"({"tap_id":")" + tap_id_v7(rng_) + R"(","card":")" + card + R"(","reader":"entrance-1","at":")" +
                    utc_now_text() + R"("})";
    } else {
      req_.method(http::verb::get);
      req_.target(run_.targets[std::uniform_int_distribution<std::size_t>(0, run_.targets.size() - 1)(rng_)]);
      if (!cookie_.empty()) req_.set(http::field::cookie, cookie_);
    }
    req_.keep_alive(true);
    req_.prepare_payload();
  }

  net::any_io_executor ex_;
  ssl::context& tls_;
  Run& run_;
  Tally& tally_;
  net::steady_timer timer_;
  std::mt19937_64 rng_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  std::optional<http::response_parser<http::string_body>> parser_;
  std::string cookie_;
  Clock::duration interval_{};
  Clock::time_point next_due_{}, due_{};
  bool pending_ = false;
};

[[noreturn]] void usage_error(const std::string& msg) {
  std::fprintf(stderr,
               "classbook-loadgen: %s\n"
               "usage: classbook-loadgen --port N --ca FILE --mode taps|get [--host 127.0.0.1] [--connections 8]\n"
               "         [--duration 10] [--warmup 1] [--rate 0] [--threads 1] [--targets FILE] [--cookie-file FILE]\n"
               "         [--kiosk-key KEY] [--cards FILE]\n"
               "  --rate 0 is a closed loop (each connection sends its next request on the last answer);\n"
               "  --rate R > 0 sends R requests/s in all, latency counted from each request's scheduled time.\n",
               msg.c_str());
  std::exit(2);
}

double number(const std::string& name, const std::string& text, double lo, double hi) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi)
    usage_error(name + " must be a number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") usage_error("help");
    if (i + 1 >= argc) usage_error(a + " needs a value");
    const std::string v = argv[++i];
    if (a == "--host") o.host = v;
    else if (a == "--port") o.port = static_cast<unsigned short>(number(a, v, 1, 65535));
    else if (a == "--ca") o.ca_file = v;
    else if (a == "--connections") o.connections = static_cast<int>(number(a, v, 1, max_connections));
    else if (a == "--duration") o.duration = number(a, v, 0.1, max_duration_seconds);
    else if (a == "--warmup") o.warmup = number(a, v, 0, max_warmup_seconds);
    else if (a == "--rate") o.rate = number(a, v, 0, max_rate);
    else if (a == "--threads") o.threads = static_cast<int>(number(a, v, 1, max_threads));
    else if (a == "--mode") o.mode = v;
    else if (a == "--targets") o.targets_file = v;
    else if (a == "--cookie-file") o.cookie_file = v;
    else if (a == "--cards") o.cards_file = v;
    else if (a == "--kiosk-key") o.kiosk_key = v;
    else usage_error("unknown option " + a);
  }
  if (o.port == 0) usage_error("--port is required");
  if (o.ca_file.empty()) usage_error("--ca is required (the box CA, DATA/tls/ca.crt)");
  if (o.mode != "taps" && o.mode != "get") usage_error("--mode must be taps or get");
  if (o.mode == "taps" && (o.kiosk_key.empty() || o.cards_file.empty())) usage_error("taps mode needs --kiosk-key and --cards");
  if (o.mode == "get" && o.targets_file.empty()) usage_error("get mode needs --targets");
  return o;
}

std::vector<std::string> read_lines(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) usage_error(std::string("cannot read the ") + what + " file " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) usage_error(std::string("the ") + what + " file " + path + " has no lines");
  return lines;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

int main(int argc, char** argv) {
  auto run = std::make_unique<Run>();
  run->opt = parse_options(argc, argv);
  const Options& o = run->opt;
  beast::error_code ec;
  const auto address = net::ip::make_address(o.host, ec);
  if (ec) usage_error("--host must be an IP address, like 127.0.0.1");
  if (!address.is_loopback()) usage_error("--host must be a loopback address: this tool only loads the local machine");
  run->endpoint = tcp::endpoint(address, o.port);
  if (o.mode == "get") run->targets = read_lines(o.targets_file, "targets");
  if (o.mode == "taps") run->cards = read_lines(o.cards_file, "cards");
  if (!o.cookie_file.empty()) run->cookies = read_lines(o.cookie_file, "cookie");

  ssl::context tls{ssl::context::tls_client};
  SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
  tls.load_verify_file(o.ca_file, ec);
  if (ec) usage_error("cannot load the CA file " + o.ca_file + ": " + ec.message());

  std::vector<Tally> tallies(static_cast<std::size_t>(o.connections));
  {
    net::io_context ioc{o.threads};
    run->start = Clock::now();
    run->measure_from = run->start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.warmup));
    run->end = run->measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.duration));
    for (int i = 0; i < o.connections; ++i)
      std::make_shared<Connection>(net::make_strand(ioc), tls, *run, tallies[static_cast<std::size_t>(i)], i)->start();
    // The run ends on the clock: whatever is still in flight then is dropped, not counted.
    net::steady_timer stop{ioc};
    stop.expires_at(run->end);
    stop.async_wait([&ioc](beast::error_code) { ioc.stop(); });
    std::vector<std::thread> extra;
    for (int i = 1; i < o.threads; ++i) extra.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : extra) t.join();
  }

  std::uint64_t requests = 0, errors = 0, non2xx = 0;
  std::vector<double> all;
  for (auto& t : tallies) {
    requests += t.requests;
    errors += t.errors;
    non2xx += t.non2xx;
    all.insert(all.end(), t.latencies_ms.begin(), t.latencies_ms.end());
  }
  std::sort(all.begin(), all.end());
  const double seconds = o.duration;
  std::printf(
      "{\"mode\":\"%s\",\"connections\":%d,\"rate\":%.1f,\"requests\":%llu,\"errors\":%llu,\"non2xx\":%llu,"
      "\"seconds\":%.3f,\"rps\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
      o.mode.c_str(), o.connections, o.rate, static_cast<unsigned long long>(requests), static_cast<unsigned long long>(errors),
      static_cast<unsigned long long>(non2xx), seconds, static_cast<double>(requests) / seconds, percentile(all, 0.50),
      percentile(all, 0.90), percentile(all, 0.99), all.empty() ? 0.0 : all.back());
  return 0;
}
