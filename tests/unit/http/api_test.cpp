// api_test: the route table's matching and the gates the dispatcher takes from a row — driven
// through Api::handle with plain requests and fake peers, on a small real school.
#include <catch2/catch.hpp>

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include <optional>

#include "../app/support/kiosk_school.hpp"
#include "app/sign_in.hpp"
#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

using namespace classbook;
namespace bh = boost::beast::http;

namespace {

std::vector<std::string> split(std::initializer_list<const char*> segs) { return {segs.begin(), segs.end()}; }

struct ApiOnSchool {
  test::KioskSchool school;
  app::Sessions sessions{*school.ctx};
  http::Api api{*school.ctx, sessions, *school.kiosks};

  // The answer to GET `target` from `peer_address` (these routes answer before returning).
  http::Response get(const char* target, const char* peer_address) { return send(bh::verb::get, target, peer_address); }
  http::Response send(bh::verb method, const char* target, const char* peer_address) {
    http::Request req{method, target, 11};
    std::optional<http::Response> out;
    api.handle(std::move(req), http::Peer{peer_address, ""}, [&out](http::Response r) { out = std::move(r); });
    REQUIRE(out);
    return std::move(*out);
  }
};

}  // namespace

TEST_CASE("the route table prefers a literal segment to a parameter and names parameters") {
  const auto& router = http::Router::api();
  const auto* make = router.find(bh::verb::post, split({"api", "v1", "lessons", "make"}));
  REQUIRE(make);
  CHECK(make->route->pattern == "/api/v1/lessons/make");
  const auto* lesson = router.find(bh::verb::put, split({"api", "v1", "lessons", "make"}));
  REQUIRE(lesson);
  CHECK(lesson->route->pattern == "/api/v1/lessons/{id}");
  CHECK(lesson->index_of("id") == 3);
  CHECK(lesson->index_of("week") == std::string_view::npos);

  const auto* teaching = router.find(bh::verb::put, split({"api", "v1", "classes", "c", "teaching", "s", "t"}));
  REQUIRE(teaching);
  CHECK(teaching->index_of("subject_id") == 5);
  CHECK(teaching->index_of("teacher_id") == 6);
}

TEST_CASE("the route table finds nothing for an unknown path or method") {
  const auto& router = http::Router::api();
  CHECK(router.find(bh::verb::get, split({"api", "v1", "nothing-here"})) == nullptr);
  CHECK(router.find(bh::verb::delete_, split({"api", "v1", "announcements"})) == nullptr);
  CHECK(router.find(bh::verb::get, split({"api", "v1", "a", "b", "c", "d", "e", "f", "g", "h"})) == nullptr);
  CHECK(router.methods_for(split({"api", "v1", "announcements"})) == "GET, POST");
  CHECK(router.methods_for(split({"api", "v1", "nothing-here"})).empty());
}

TEST_CASE("every signed-in row lets some role in, and kiosk rows are not signed in") {
  for (const auto& row : http::Router::api().rows()) {
    const auto& a = row.route->access;
    if (row.route->pattern == "/api/v1/taps") CHECK(a.caller == http::Caller::kiosk_or_key);
    if (row.route->pattern == "/api/v1/session" && row.route->method == bh::verb::post) CHECK(a.caller == http::Caller::anyone);
    if (a.caller != http::Caller::signed_in) continue;
    bool anyone = false;
    for (auto who : http::audiences) anyone = anyone || a.of(who) != http::Reach::none;
    INFO(row.route->pattern);
    CHECK(anyone);  // a signed-in row nobody may call is a dead route
  }
}

TEST_CASE("may_scrape: loopback and the configured address only") {
  CHECK(http::may_scrape("127.0.0.1", ""));
  CHECK(http::may_scrape("127.8.9.10", ""));
  CHECK(http::may_scrape("::1", ""));
  CHECK(http::may_scrape("::ffff:127.0.0.1", ""));
  CHECK_FALSE(http::may_scrape("192.168.1.20", ""));
  CHECK_FALSE(http::may_scrape("::ffff:192.168.1.20", ""));
  CHECK_FALSE(http::may_scrape("1127.0.0.1", ""));
  CHECK(http::may_scrape("10.0.0.5", "10.0.0.5"));
  CHECK_FALSE(http::may_scrape("10.0.0.50", "10.0.0.5"));
}

TEST_CASE("/metrics answers loopback and the scrape address, and 404 to any other peer") {
  ApiOnSchool s;
  auto local = s.get("/metrics", "127.0.0.1");
  CHECK(local.result() == bh::status::ok);
  CHECK(local.body().find("classbook_http_responses_total") != std::string::npos);

  auto lan = s.get("/metrics", "192.168.1.20");
  CHECK(lan.result() == bh::status::not_found);
  CHECK(lan.body().find("classbook_") == std::string::npos);

  s.api.set_metrics_from("192.168.1.20");
  CHECK(s.get("/metrics", "192.168.1.20").result() == bh::status::ok);
  CHECK(s.get("/metrics", "192.168.1.21").result() == bh::status::not_found);
}

TEST_CASE("/healthz reads the database through app/ and names the school") {
  ApiOnSchool s;
  auto res = s.get("/healthz", "192.168.1.20");
  CHECK(res.result() == bh::status::ok);
  CHECK(res.body().find("\"status\":\"ok\"") != std::string::npos);
}

TEST_CASE("a signed-in route without a session is 401, an unknown API path too, outside the API 404") {
  ApiOnSchool s;
  CHECK(s.get("/api/v1/announcements", "127.0.0.1").result() == bh::status::unauthorized);
  CHECK(s.get("/api/v1/nothing-here", "127.0.0.1").result() == bh::status::unauthorized);
  CHECK(s.get("/nothing-here.js", "127.0.0.1").result() == bh::status::not_found);
  CHECK(s.get("/", "127.0.0.1").result() == bh::status::ok);
}

TEST_CASE("a refused request answers its stable code and its kind, a kiosk endpoint its protocol code") {
  ApiOnSchool s;
  auto error_of = [](const http::Response& res) { return boost::json::parse(res.body()).at("error").as_object(); };

  const auto no_session = s.get("/api/v1/announcements", "127.0.0.1");
  CHECK(no_session.result() == bh::status::unauthorized);
  auto err = error_of(no_session);
  CHECK(err.at("code") == "session.required");
  CHECK(err.at("kind") == "unauthenticated");
  CHECK(err.at("message") == "sign in first");

  err = error_of(s.get("/nothing-here.js", "127.0.0.1"));
  CHECK(err.at("code") == "request.no_such_page");
  CHECK(err.at("kind") == "not_found");

  // The kiosks' firmware reads the protocol's own names: they stay the code on kiosk endpoints.
  const auto no_certificate = s.send(bh::verb::post, "/api/v1/kiosk/diary", "127.0.0.1");
  CHECK(no_certificate.result() == bh::status::unauthorized);
  err = error_of(no_certificate);
  CHECK(err.at("code") == "kiosk_certificate_required");
  CHECK(err.at("kind") == "unauthenticated");
}
