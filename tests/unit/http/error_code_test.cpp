// error_code_test: the stable code of an error — its shape, checked when the code is compiled, and
// the JSON error body that carries it beside the kind, the message and the field.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <optional>

#include "classbook/common/result.hpp"
#include "http/call.hpp"

using namespace classbook;
namespace json = boost::json;
namespace bh = boost::beast::http;

TEST_CASE("an error code is area.snake_case: lowercase letters, digits, underscores, one dot") {
  STATIC_REQUIRE(ErrorCode::well_formed("mark.value_out_of_scale"));
  STATIC_REQUIRE(ErrorCode::well_formed("kiosk_diary.card_and_qr"));
  STATIC_REQUIRE(ErrorCode::well_formed("store.busy"));
  STATIC_REQUIRE(ErrorCode::well_formed("term2.grade3"));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed(""));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed("mark"));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed(".value"));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed("mark."));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed("mark.value.again"));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed("Mark.value"));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed("mark.value-out"));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed("mark value"));
  STATIC_REQUIRE_FALSE(ErrorCode::well_formed("mark.значение"));
}

TEST_CASE("make_error keeps the kind, the stable code, the message and the field apart") {
  const Error e = make_error(Errc::invalid_input, "mark.value_out_of_scale", "value is off the school's scale", "value");
  CHECK(e.code == Errc::invalid_input);
  CHECK(e.id.view() == "mark.value_out_of_scale");
  CHECK(e.message == "value is off the school's scale");
  CHECK(e.field == "value");
  const Result<int> r = e;  // the code travels with the error through a Result
  REQUIRE_FALSE(r);
  CHECK(r.error().id == ErrorCode("mark.value_out_of_scale"));
  CHECK_FALSE(r.error().id == ErrorCode("mark.not_found"));
}

namespace {

// The answer Call::fail writes for `e`.
http::Response failed(const Error& e) {
  http::Metrics metrics;
  std::optional<http::Response> out;
  http::Api::Call call{metrics, http::Request{bh::verb::post, "/api/v1/marks", 11}, http::Peer{"127.0.0.1", ""},
                       [&out](http::Response r) { out = std::move(r); }, {}, {}, nullptr, {}, {}};
  call.fail(e);
  REQUIRE(out);
  return std::move(*out);
}

}  // namespace

TEST_CASE("the JSON error body carries the stable code, the kind, the message and the field") {
  const auto res = failed(make_error(Errc::invalid_input, "mark.value_out_of_scale", "value is off the school's scale", "value"));
  CHECK(res.result() == bh::status::bad_request);
  const auto body = json::parse(res.body()).as_object();
  REQUIRE(body.contains("error"));
  const auto& err = body.at("error").as_object();
  CHECK(err.at("code") == "mark.value_out_of_scale");
  CHECK(err.at("kind") == "invalid_input");
  CHECK(err.at("message") == "value is off the school's scale");
  CHECK(err.at("field") == "value");
  CHECK(err.size() == 4);
}

TEST_CASE("each kind answers its HTTP status, and a throttled error's field is its Retry-After") {
  const auto gone = failed(make_error(Errc::unavailable, "store.busy", "the journal could not be read (database busy)"));
  CHECK(gone.result() == bh::status::service_unavailable);
  auto err = json::parse(gone.body()).at("error").as_object();
  CHECK(err.at("code") == "store.busy");
  CHECK(err.at("kind") == "unavailable");
  CHECK_FALSE(err.contains("field"));

  const auto wait = failed(make_error(Errc::throttled, "sign_in.throttled", "too many failed sign-ins; try again in 30 s", "30"));
  CHECK(wait.result() == bh::status::too_many_requests);
  CHECK(wait[bh::field::retry_after] == "30");
  err = json::parse(wait.body()).at("error").as_object();
  CHECK(err.at("code") == "sign_in.throttled");
  CHECK(err.at("kind") == "throttled");
  CHECK_FALSE(err.contains("field"));
}
