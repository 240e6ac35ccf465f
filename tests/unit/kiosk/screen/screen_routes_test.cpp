// screen_routes_test: the screen's HTTP surface without sockets — the Host and Origin guard, the
// pages, the stream switch and every input.
#include <catch2/catch.hpp>

#include "fake_screen_input.hpp"
#include "kiosk/screen/screen_page.hpp"
#include "kiosk/screen/screen_routes.hpp"

using namespace classbook::kiosk;
using namespace classbook::kiosk::screen;

namespace {
const std::vector<std::string> hosts = allowed_hosts_for("127.0.0.1", 8181);
const std::string state = R"({"banner":"welcome","person":"Анна"})";
const std::string ours = "http://127.0.0.1:8181";

RouteReply call(std::string_view method, std::string_view target, std::string_view host = "127.0.0.1:8181",
                std::optional<std::string_view> origin = std::nullopt) {
  return route(RouteRequest{method, target, host, origin}, RouteContext{hosts, state});
}
}  // namespace

TEST_CASE("the allowed hosts are the bound address and localhost, with the port") {
  CHECK(hosts == std::vector<std::string>{"127.0.0.1:8181", "localhost:8181"});
  CHECK(allowed_hosts_for("::1", 9) == std::vector<std::string>{"[::1]:9", "localhost:9"});
}

TEST_CASE("GET / is the page with the state inside") {
  for (auto target : {"/", "/index.html", "/?lang=en"}) {
    const auto r = call("GET", target);
    CAPTURE(target);
    CHECK(r.status == 200);
    CHECK(r.kind == ReplyKind::response);
    CHECK(r.content_type == "text/html; charset=utf-8");
    CHECK(r.body.find(state) != std::string::npos);
    CHECK(r.body.find(state_placeholder) == std::string::npos);
  }
}

TEST_CASE("the page's files, the state, and unknown paths") {
  CHECK(call("GET", "/app.js").content_type == "text/javascript; charset=utf-8");
  CHECK(call("GET", "/style.css").content_type == "text/css; charset=utf-8");
  CHECK(call("GET", "/app.js").body == find_file("/app.js")->body);
  const auto s = call("GET", "/state");
  CHECK(s.status == 200);
  CHECK(s.content_type == "application/json");
  CHECK(s.body == state);
  CHECK(call("GET", "/nothing").status == 404);
  CHECK(call("GET", "/../etc/passwd").status == 404);
}

TEST_CASE("/events switches to a stream, once=1 to a stream that closes") {
  CHECK(call("GET", "/events").kind == ReplyKind::event_stream);
  CHECK(call("GET", "/events?x=2&once=1").kind == ReplyKind::event_stream_once);
  CHECK(call("GET", "/events?once=10").kind == ReplyKind::event_stream);
  CHECK(call("POST", "/events", "127.0.0.1:8181", ours).status == 405);
}

TEST_CASE("a foreign Host is refused, whatever the path (DNS rebinding)") {
  for (auto target : {"/", "/state", "/events", "/app.js"}) {
    const auto r = call("GET", target, "evil.example:8181");
    CHECK(r.status == 403);
    CHECK(r.kind == ReplyKind::response);
    CHECK(r.body.find("wrong_host") != std::string::npos);
  }
  CHECK(call("GET", "/", "127.0.0.1:8182").status == 403);
  CHECK(call("GET", "/", "localhost:8181").status == 200);
}

TEST_CASE("each input path maps to one action, only by POST from our own origin") {
  const std::pair<const char*, InputAction> cases[] = {
      {"/input/digit/0", {InputKind::digit, 0}}, {"/input/digit/9", {InputKind::digit, 9}},
      {"/input/erase", {InputKind::erase}},      {"/input/submit", {InputKind::submit}},
      {"/input/week/-1", {InputKind::week, -1}}, {"/input/week/1", {InputKind::week, 1}},
      {"/input/done", {InputKind::done}},        {"/input/print", {InputKind::print}},
  };
  for (const auto& [target, action] : cases) {
    CAPTURE(target);
    const auto r = call("POST", target, "127.0.0.1:8181", ours);
    CHECK(r.status == 204);
    REQUIRE(r.input);
    CHECK(*r.input == action);
    CHECK(call("POST", target, "localhost:8181", "http://localhost:8181").input == action);

    const auto foreign = call("POST", target, "127.0.0.1:8181", "http://evil.example");
    CHECK(foreign.status == 403);
    CHECK_FALSE(foreign.input);
    CHECK(call("POST", target, "127.0.0.1:8181", "null").status == 403);
    CHECK(call("POST", target, "127.0.0.1:8181", "http://127.0.0.1:9999").status == 403);
    CHECK(call("POST", target, "127.0.0.1:8181").status == 403);  // no Origin at all
    const auto get = call("GET", target);
    CHECK(get.status == 405);
    CHECK_FALSE(get.input);
  }
}

TEST_CASE("malformed inputs are not found and carry no action") {
  for (auto target : {"/input/digit/10", "/input/digit/-1", "/input/digit/", "/input/digit/x", "/input/week/2",
                      "/input/week/0", "/input/week/+1", "/input/launch", "/input/"}) {
    CAPTURE(target);
    const auto r = call("POST", target, "127.0.0.1:8181", ours);
    CHECK(r.status == 404);
    CHECK_FALSE(r.input);
  }
}

TEST_CASE("apply() calls the matching ScreenInput method") {
  test::FakeScreenInput input;
  apply({InputKind::digit, 4}, input);
  apply({InputKind::erase}, input);
  apply({InputKind::submit}, input);
  apply({InputKind::week, -1}, input);
  apply({InputKind::done}, input);
  apply({InputKind::print}, input);
  CHECK(input.wait_for(6) == std::vector<std::string>{"digit 4", "erase", "submit", "week -1", "done", "print"});
}

TEST_CASE("state JSON that holds markup cannot end the script element it is written into") {
  const std::string page = render_page(R"({"person":"</script><script>alert(1)</script>&"})");
  CHECK(page.find("<script>alert(1)") == std::string::npos);
  CHECK(page.find(R"(\u003c/script\u003e\u003cscript\u003ealert(1))") != std::string::npos);
  CHECK(escape_for_script("a<b>c&d") == R"(a\u003cb\u003ec\u0026d)");
}
