// screen_server_test: the server on a real loopback socket — binding rules, the page, the state,
// the inputs reaching the agent's thread, the cross-site guard, limits and stopping.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "fake_screen_input.hpp"
#include "kiosk/screen/screen_json.hpp"
#include "kiosk/screen/screen_server.hpp"
#include "test_http_client.hpp"

using namespace classbook::kiosk;
using namespace classbook::kiosk::test;

namespace {
struct Fixture {
  FakeScreenInput input;
  FakeAgent agent;
  std::unique_ptr<ScreenServer> server;
  explicit Fixture(ScreenServerOptions options = {}) {
    auto s = ScreenServer::create(options, input, agent.poster());
    REQUIRE(s);
    server = std::move(*s);
  }
  std::uint16_t port() const { return server->port(); }
};

ScreenState welcome(std::uint64_t seq, std::string person) {
  ScreenState s;
  s.seq = seq;
  s.banner = Banner::welcome;
  s.person = std::move(person);
  s.class_name = "5А";
  s.time_text = "08:12";
  s.kiosk_name = "Главный вход";
  return s;
}
}  // namespace

TEST_CASE("the server binds loopback only, with a message that says what to use") {
  FakeScreenInput input;
  FakeAgent agent;
  for (const char* address : {"0.0.0.0", "192.0.2.10", "::"}) {
    CAPTURE(address);
    auto s = ScreenServer::create({.address = address}, input, agent.poster());
    REQUIRE_FALSE(s);
    CHECK(s.error().message.find("not a loopback address") != std::string::npos);
    CHECK(s.error().message.find("127.0.0.1") != std::string::npos);
  }
  auto name = ScreenServer::create({.address = "localhost"}, input, agent.poster());
  REQUIRE_FALSE(name);
  CHECK(name.error().message.find("not an IP address") != std::string::npos);
  auto no_agent = ScreenServer::create({}, input, nullptr);
  CHECK_FALSE(no_agent);

  auto ok = ScreenServer::create({.address = "127.0.0.1"}, input, agent.poster());
  REQUIRE(ok);
  CHECK((*ok)->port() != 0);
  CHECK((*ok)->url() == "http://127.0.0.1:" + std::to_string((*ok)->port()) + "/");
  // The port is taken now: a second server on it fails and says so.
  auto taken = ScreenServer::create({.port = (*ok)->port()}, input, agent.poster());
  REQUIRE_FALSE(taken);
  CHECK(taken.error().message.find("cannot listen on 127.0.0.1:" + std::to_string((*ok)->port())) != std::string::npos);
}

TEST_CASE("GET / carries the current state in the page, /state is the same JSON") {
  Fixture f;
  auto before = http_request(f.port(), "GET", "/");
  REQUIRE(before.status == 200);
  CHECK(before.body.find(R"("banner":"idle")") != std::string::npos);

  const auto state = welcome(5, "Анна Петрова");
  f.server->show(state);
  auto page = http_request(f.port(), "GET", "/");
  REQUIRE(page.status == 200);
  CHECK(page.headers["content-type"] == "text/html; charset=utf-8");
  CHECK(page.headers["cache-control"] == "no-store");
  CHECK(page.headers["content-security-policy"].find("frame-ancestors 'none'") != std::string::npos);
  CHECK(page.body.find(R"(<script type="application/json" id="state">)") != std::string::npos);
  CHECK(page.body.find(R"("person":"Анна Петрова")") != std::string::npos);
  CHECK(page.body.find(R"("banner":"welcome")") != std::string::npos);

  auto json = http_request(f.port(), "GET", "/state");
  CHECK(json.status == 200);
  CHECK(json.headers["content-type"] == "application/json");
  CHECK(json.body == screen::screen_json(state));
  CHECK(boost::json::parse(json.body).at("seq").to_number<int>() == 5);
}

TEST_CASE("the page's script and style are served") {
  Fixture f;
  auto js = http_request(f.port(), "GET", "/app.js");
  CHECK(js.status == 200);
  CHECK(js.headers["content-type"] == "text/javascript; charset=utf-8");
  CHECK(js.body.find("EventSource") != std::string::npos);
  auto css = http_request(f.port(), "GET", "/style.css");
  CHECK(css.status == 200);
  CHECK(css.headers["content-type"] == "text/css; charset=utf-8");
  CHECK(http_request(f.port(), "GET", "/missing.js").status == 404);
}

TEST_CASE("inputs posted by the page reach ScreenInput on the agent's thread, in order") {
  Fixture f;
  const auto origin = same_origin(f.port());
  for (auto target : {"/input/digit/1", "/input/digit/9", "/input/erase", "/input/submit", "/input/week/-1",
                      "/input/week/1", "/input/done", "/input/print"}) {
    CAPTURE(target);
    const auto r = http_request(f.port(), "POST", target, origin);
    CHECK(r.status == 204);
    CHECK(r.body.empty());
  }
  const auto calls = f.input.wait_for(8);
  CHECK(calls == std::vector<std::string>{"digit 1", "digit 9", "erase", "submit", "week -1", "week 1", "done", "print"});
  for (auto id : f.input.threads()) CHECK(id == f.agent.id());
  CHECK(f.server->stats().inputs == 8);
}

TEST_CASE("cross-site requests are refused and reach nothing") {
  Fixture f;
  CHECK(http_request(f.port(), "POST", "/input/done", {{"Origin", "http://evil.example"}}).status == 403);
  CHECK(http_request(f.port(), "POST", "/input/digit/1").status == 403);  // no Origin
  CHECK(http_request(f.port(), "POST", "/input/done", {{"Origin", "null"}}).status == 403);
  CHECK(http_request(f.port(), "GET", "/input/done", same_origin(f.port())).status == 405);
  // A rebinding page: our address, its own name.
  auto rebound = http_request(f.port(), "POST", "/input/done",
                              {{"Host", "evil.example:" + std::to_string(f.port())}, {"Origin", "http://evil.example"}});
  CHECK(rebound.status == 403);
  CHECK(http_request(f.port(), "GET", "/state", {{"Host", "evil.example"}}).status == 403);
  // The refusals are final: nothing arrives even after a valid input that follows them.
  CHECK(http_request(f.port(), "POST", "/input/erase", same_origin(f.port())).status == 204);
  CHECK(f.input.wait_for(1) == std::vector<std::string>{"erase"});
  CHECK(f.server->stats().inputs == 1);
}

TEST_CASE("a request body over the limit is refused with 413") {
  Fixture f;
  const auto r = http_request(f.port(), "POST", "/input/done", same_origin(f.port()),
                              std::string(screen_body_limit + 1, 'x'));
  CHECK(r.status == 413);
  CHECK(http_request(f.port(), "GET", "/state").status == 200);  // the server carries on
}

TEST_CASE("show() from many threads at once leaves the last state of each in place, without races") {
  Fixture f;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) f.server->show(welcome(static_cast<std::uint64_t>(t * 100 + i), "T" + std::to_string(t)));
    });
  for (auto& t : threads) t.join();
  const auto state = boost::json::parse(http_request(f.port(), "GET", "/state").body);
  CHECK(state.at("person").as_string().starts_with("T"));
  CHECK(state.at("seq").to_number<int>() % 100 == 49);
}
