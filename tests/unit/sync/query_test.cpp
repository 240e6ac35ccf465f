// query_test: the REST binding's collection queries over plain JSON records — filter grammar and each
// operator, AND/OR, quoting, the standard's refusals, sort/fields/limit/offset, total and Link.
#include <catch2/catch.hpp>

#include "samples.hpp"
#include "sync/oneroster/json.hpp"
#include "sync/oneroster/query.hpp"
#include "sync/oneroster/status_info.hpp"

using namespace classbook::oneroster;

namespace {

// Ten users u0..u9: familyName "Name<i>", email for even ones, dateLastModified one second apart
// with varying fractional precision, u3 a teacher, the rest pupils.
std::vector<boost::json::object> users() {
  std::vector<boost::json::object> out;
  for (int i = 0; i < 10; ++i) {
    auto u = samples::pupil();
    u.base.sourced_id = "u" + std::to_string(i);
    u.family_name = "Name" + std::to_string(9 - i);
    u.given_name = i == 4 ? "O'Brien" : "Anna";
    u.email = i % 2 == 0 ? std::optional<std::string>("u" + std::to_string(i) + "@school.example") : std::nullopt;
    u.base.date_last_modified = "2026-09-01T08:00:0" + std::to_string(i) + (i % 2 ? ".5Z" : "Z");
    if (i == 3) u.roles[0].role = RoleName::teacher;
    out.push_back(to_json(u));
  }
  return out;
}

std::vector<std::string> ids(const Page& p) {
  std::vector<std::string> out;
  for (const auto& o : p.items) out.emplace_back(o.at("sourcedId").as_string());
  return out;
}

Page run(QueryParams params) {
  auto q = parse_query(params, record_fields<User>());
  INFO((q ? std::string() : q.error().message));
  REQUIRE(q.ok());
  return apply_query(users(), *q);
}

Page filtered(std::string filter) {
  QueryParams p;
  p.filter = std::move(filter);
  return run(p);
}

}  // namespace

TEST_CASE("filter grammar: each operator", "[oneroster][query]") {
  CHECK(ids(filtered("email='u2@school.example'")) == std::vector<std::string>{"u2"});
  CHECK(filtered("email!='u2@school.example'").total == 9);  // != is exactly "not =": no email counts
  CHECK(ids(filtered("familyName>'Name7'")) == std::vector<std::string>{"u0", "u1"});
  CHECK(ids(filtered("familyName>='Name8'")) == std::vector<std::string>{"u0", "u1"});
  CHECK(ids(filtered("familyName<'Name1'")) == std::vector<std::string>{"u9"});
  CHECK(ids(filtered("familyName<='Name1'")) == std::vector<std::string>{"u8", "u9"});
  CHECK(ids(filtered("email~'U4@'")) == std::vector<std::string>{"u4"});  // contains, ASCII case-insensitive
  CHECK(filtered("status='active'").total == 10);
}

TEST_CASE("filter grammar: AND, OR, quoting, dotted fields, date-times", "[oneroster][query]") {
  CHECK(ids(filtered("familyName='Name9' OR familyName='Name0'")) == std::vector<std::string>{"u0", "u9"});
  CHECK(ids(filtered("givenName='Anna' AND email='u6@school.example'")) == std::vector<std::string>{"u6"});
  CHECK(ids(filtered("givenName='O''Brien'")) == std::vector<std::string>{"u4"});
  CHECK(ids(filtered("roles.role='teacher'")) == std::vector<std::string>{"u3"});  // any element of the array
  CHECK(filtered("roles.org.sourcedId='org-2'").total == 10);
  // 08:00:07.5 > 08:00:07 although the text sorts the other way round at the '.'.
  CHECK(ids(filtered("dateLastModified>'2026-09-01T08:00:07Z'")) == std::vector<std::string>{"u7", "u8", "u9"});
  CHECK(ids(filtered("dateLastModified>'2026-09-01T08:00:07.500000Z'")) == std::vector<std::string>{"u8", "u9"});

  auto f = parse_filter("a='1' AND b.c~'x''y'");
  REQUIRE(f.ok());
  CHECK(f->predicates.size() == 2);
  CHECK(f->predicates[1].value == "x'y");
  CHECK(to_string(*f) == "a='1' AND b.c~'x''y'");
  CHECK(*parse_filter(to_string(*f)) == *f);
}

TEST_CASE("a bad filter gives the standard's invalid_filter_field", "[oneroster][query]") {
  for (const char* bad : {"email=u2", "email='u2", "='x'", "email=='x'", "email='a' and status='active'",
                          "email='a' AND status='active' OR status='x'", "email='a'AND status='b'", "email='a' AND",
                          "nickname='x'", "email 'x'"}) {
    QueryParams p;
    p.filter = bad;
    auto q = parse_query(p, record_fields<User>());
    INFO(bad);
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().id == classbook::ErrorCode("oneroster.invalid_filter"));
    const auto status = status_for(q.error());
    CHECK(status.http_status == 400);
    const auto body = to_json(status);
    CHECK(body.at("imsx_codeMajor") == "failure");
    CHECK(body.at("imsx_severity") == "error");
    CHECK(body.at("imsx_CodeMinor").at("imsx_codeMinorField").at(0).at("imsx_codeMinorFieldValue") ==
          "invalid_filter_field");
  }
  QueryParams p;
  p.filter = "nickname='x'";
  CHECK(parse_query(p, record_fields<User>()).error().message == "filter: 'nickname' is not a field of these records");
}

TEST_CASE("fields: a blank field is refused, an unknown one returns everything", "[oneroster][query]") {
  QueryParams p;
  p.fields = "sourcedId,email";
  auto page = run(p);
  CHECK(page.items[0].size() == 2);
  CHECK(page.items[0].at("email") == "u0@school.example");
  p.fields = "sourcedId,nickname";
  CHECK(run(p).items[0].size() == to_json(samples::pupil()).size());
  for (const char* blank : {"", "sourcedId,", ",email", "a,,b"}) {
    p.fields = blank;
    auto q = parse_query(p, record_fields<User>());
    INFO(blank);
    REQUIRE_FALSE(q.ok());
    CHECK(status_for(q.error()).code_minor == std::vector<CodeMinor>{CodeMinor::invalid_selection_field});
  }
}

TEST_CASE("sort and orderBy, and an unknown sort field keeps the provider's order", "[oneroster][query]") {
  QueryParams p;
  p.sort = "familyName";
  CHECK(ids(run(p)).front() == "u9");
  p.order_by = "desc";
  CHECK(ids(run(p)).front() == "u0");
  p.sort = "email";  // missing values last
  p.order_by = "asc";
  CHECK(ids(run(p)) == std::vector<std::string>{"u0", "u2", "u4", "u6", "u8", "u1", "u3", "u5", "u7", "u9"});
  p.sort = "shoeSize";
  CHECK(ids(run(p)).front() == "u0");
  p.order_by = "sideways";
  auto q = parse_query(p, record_fields<User>());
  REQUIRE_FALSE(q.ok());
  CHECK(status_for(q.error()).code_minor == std::vector<CodeMinor>{CodeMinor::invaliddata});
}

TEST_CASE("limit, offset, total and the Link header", "[oneroster][query]") {
  QueryParams p;
  p.limit = "3";
  p.offset = "3";
  auto q = parse_query(p, record_fields<User>());
  REQUIRE(q.ok());
  auto page = apply_query(users(), *q);
  CHECK(ids(page) == std::vector<std::string>{"u3", "u4", "u5"});
  CHECK(page.total == 10);
  CHECK(link_header("https://box/ims/oneroster/rostering/v1p2/users", *q, page.total) ==
        "<https://box/ims/oneroster/rostering/v1p2/users?limit=3&offset=6>; rel=\"next\", "
        "<https://box/ims/oneroster/rostering/v1p2/users?limit=3&offset=9>; rel=\"last\", "
        "<https://box/ims/oneroster/rostering/v1p2/users?limit=3&offset=0>; rel=\"first\", "
        "<https://box/ims/oneroster/rostering/v1p2/users?limit=3&offset=0>; rel=\"prev\"");
  q->offset = 9;
  CHECK(ids(apply_query(users(), *q)) == std::vector<std::string>{"u9"});
  CHECK(link_header("/u", *q, 10).find("next") == std::string::npos);
  q->offset = 50;
  CHECK(apply_query(users(), *q).items.empty());

  p = {};
  p.filter = "givenName='Anna' AND familyName>'Name1'";
  p.sort = "familyName";
  p.fields = "sourcedId";
  q = parse_query(p, record_fields<User>());
  REQUIRE(q.ok());
  CHECK(query_string(*q, 0) ==
        "limit=100&offset=0&sort=familyName&orderBy=asc&filter=givenName%3D%27Anna%27%20AND%20familyName%3E%27Name1%27"
        "&fields=sourcedId");
  CHECK(q->limit == default_limit);

  for (const char* bad : {"0", "-1", "ten", ""}) {
    p = {};
    p.limit = bad;
    INFO(bad);
    CHECK_FALSE(parse_query(p, record_fields<User>()).ok());
  }
  p = {};
  p.limit = "100000";
  CHECK(parse_query(p, record_fields<User>())->limit == max_limit);
  p = {};
  p.offset = "x";
  CHECK(parse_query(p, record_fields<User>()).error().id == classbook::ErrorCode("oneroster.invalid_query"));
}

TEST_CASE("delta: dateLastModified> with fractional seconds", "[oneroster][query]") {
  CHECK(delta_filter("2026-09-01T08:00:04.25Z") == "dateLastModified>'2026-09-01T08:00:04.25Z'");
  const auto since = parse_datetime("2026-09-01T08:00:07Z");
  REQUIRE(since);
  int changed = 0;
  for (const auto& u : users()) changed += modified_after(u, *since);
  CHECK(changed == 3);
  CHECK(parse_datetime("2026-09-01T08:00:07.1Z") == parse_datetime("2026-09-01T08:00:07.100000000Z"));
  CHECK(parse_datetime("2026-09-01T08:00:07.1234567891Z") == std::nullopt);  // more than nanoseconds
  CHECK(parse_datetime("2026-09-01T08:00:07.Z") == std::nullopt);
  CHECK(format_datetime(*parse_datetime("2024-02-29T23:59:59.999Z")) == "2024-02-29T23:59:59.999Z");
}

TEST_CASE("status info: builders, HTTP statuses and reading one back", "[oneroster][status]") {
  CHECK(http_status_for(CodeMinor::unknownobject) == 404);
  CHECK(http_status_for(CodeMinor::unauthorisedrequest) == 401);
  CHECK(http_status_for(CodeMinor::forbidden) == 403);
  CHECK(http_status_for(CodeMinor::server_busy) == 429);
  CHECK(http_status_for(CodeMinor::internal_server_error) == 500);
  auto body = failure(CodeMinor::invaliddata, "score is not a number", http_unprocessable);
  CHECK(body.http_status == 422);
  auto back = parse_status_info(to_json(body));
  REQUIRE(back.ok());
  back->http_status = 422;
  CHECK(*back == body);
  CHECK(status_for(classbook::make_error(classbook::Errc::not_found, "x.y", "no such class")).http_status == 404);
  auto bad = to_json(body);
  bad["imsx_CodeMinor"].as_object()["imsx_codeMinorField"].as_array()[0].as_object()["imsx_codeMinorFieldValue"] =
      "invalid_sort_field";  // OneRoster 1.1's; not in the 1.2 vocabulary
  CHECK_FALSE(parse_status_info(bad).ok());
}
