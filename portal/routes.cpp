// routes: one table of paths, the scopes each needs, and the handler behind it.
#include "routes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "classbook/common/crypto.hpp"
#include "journal_store.hpp"

namespace classbook::portal {
namespace json = boost::json;

namespace {

struct Target {
  std::string path;
  std::string query;
};
Target split(const std::string& target) {
  const auto q = target.find('?');
  return q == std::string::npos ? Target{target, ""} : Target{target.substr(0, q), target.substr(q + 1)};
}

// "/a/b/c" under "/a": {"b", "c"}; empty when `path` is not under `base`.
std::vector<std::string> below(const std::string& path, std::string_view base) {
  std::vector<std::string> parts;
  if (!path.starts_with(base) || (path.size() > base.size() && path[base.size()] != '/')) return parts;
  std::string_view rest(path);
  rest.remove_prefix(base.size());
  while (!rest.empty()) {
    rest.remove_prefix(1);
    const auto slash = rest.find('/');
    parts.emplace_back(url_decode(rest.substr(0, slash)));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash);
  }
  return parts;
}

std::string_view singular_of(std::string_view collection) {
  static const std::pair<std::string_view, std::string_view> names[] = {
      {"orgs", "org"},       {"academicSessions", "academicSession"}, {"courses", "course"}, {"classes", "class"},
      {"users", "user"},     {"enrollments", "enrollment"},           {"demographics", "demographics"},
      {"categories", "category"}, {"lineItems", "lineItem"},          {"results", "result"}};
  for (const auto& [plural, single] : names)
    if (plural == collection) return single;
  if (const auto* k = journal_kind_by_collection(collection)) return k->kind;
  return collection;
}

Error bad_paging(const std::string& what) {
  return make_error(Errc::invalid_input, "paging.invalid", what + " must be a whole number (limit 1…" +
                                                               std::to_string(kMaxPageLimit) + ", offset ≥ 0)");
}

Result<std::pair<std::int64_t, std::int64_t>> paging(const std::string& query) {
  std::int64_t limit = kDefaultPageLimit, offset = 0;
  for (const auto& [name, out, low, high] :
       {std::tuple{"limit", &limit, std::int64_t{1}, kMaxPageLimit}, std::tuple{"offset", &offset, std::int64_t{0}, INT64_MAX}}) {
    const auto text = form_value(query, name);
    if (text.empty()) continue;
    std::size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(text, &used);
    } catch (...) {
      return bad_paging(name);
    }
    if (used != text.size() || v < low || v > high) return bad_paging(name);
    *out = v;
  }
  return std::pair{limit, offset};
}

// RFC 8288 links to the first, previous, next and last pages, as OneRoster's paging asks.
std::string page_links(const Request& request, const std::string& path, const std::string& query, std::int64_t limit,
                       std::int64_t offset, std::int64_t total) {
  std::string keep;  // the query without limit and offset
  for (std::string_view rest(query); !rest.empty();) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    if (!pair.starts_with("limit=") && !pair.starts_with("offset=")) keep += std::string(pair) + "&";
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  const std::string base = "https://" + request.header("host") + path + "?" + keep + "limit=" + std::to_string(limit) + "&offset=";
  std::vector<std::string> links{"<" + base + "0>; rel=\"first\""};
  const std::int64_t last = total == 0 ? 0 : (total - 1) / limit * limit;
  if (offset > 0) links.push_back("<" + base + std::to_string(std::max<std::int64_t>(0, offset - limit)) + ">; rel=\"prev\"");
  if (offset + limit < total) links.push_back("<" + base + std::to_string(offset + limit) + ">; rel=\"next\"");
  links.push_back("<" + base + std::to_string(last) + ">; rel=\"last\"");
  std::string out;
  for (const auto& l : links) out += (out.empty() ? "" : ", ") + l;
  return out;
}

Response method_not_allowed() {
  return oneroster_error(make_error(Errc::invalid_input, "portal.method_not_allowed", "this path does not take that method"));
}

}  // namespace

bool Routes::is_operator(const Request& request) { return request.target.starts_with(std::string(kOperatorBase) + "/"); }

RequestTraits Routes::traits(const Request& request) {
  const auto t = split(request.target);
  RequestTraits traits;
  traits.bearer = t.path.starts_with("/ims/");
  const auto rostering = below(t.path, kRosteringBase);
  traits.roster_page_after = request.method == "GET" && rostering.size() == 1 && !form_value(t.query, "offset").empty() &&
                             form_value(t.query, "offset") != "0";
  traits.batch = request.method == "POST" && t.path == std::string(kExtensionBase) + "/batches";
  return traits;
}

Response Routes::handle(const Request& request, const FaultPlan& plan, std::string& detail) {
  const auto t = split(request.target);
  if (t.path == "/oauth/token") {
    if (request.method != "POST") return method_not_allowed();
    return token(request, plan, detail);
  }
  if (is_operator(request)) return operator_call(request, t.path);

  const auto authorization = request.header("authorization");
  if (auto parts = below(t.path, kRosteringBase); !parts.empty()) {
    if (request.method != "GET") return method_not_allowed();
    if (!is_roster_collection(parts[0]) || parts.size() > 2)
      return oneroster_error(make_error(Errc::not_found, "portal.unknown_path", "no rostering collection " + parts[0]));
    const bool demographics = parts[0] == "demographics";
    auto bearer = demographics ? p_.oauth.check(authorization, {kScopeDemographics, kScopeRoster})
                               : p_.oauth.check(authorization, {kScopeRoster, kScopeRosterCore});
    if (!bearer) return oneroster_error(bearer.error());
    return collection(request, RowSet{"roster", "collection", parts[0]}, parts[0], singular_of(parts[0]),
                      parts.size() == 2 ? parts[1] : "", plan, detail);
  }
  if (auto parts = below(t.path, kGradebookBase); !parts.empty()) {
    if (request.method != "GET") return method_not_allowed();
    const auto* kind = journal_kind_by_collection(parts[0]);
    if (!kind || (parts[0] != "categories" && parts[0] != "lineItems" && parts[0] != "results") || parts.size() > 2)
      return oneroster_error(make_error(Errc::not_found, "portal.unknown_path", "no gradebook collection " + parts[0]));
    auto bearer = p_.oauth.check(authorization, {kScopeGradebookRead, kScopeGradebookPut});
    if (!bearer) return oneroster_error(bearer.error());
    return collection(request, RowSet{"journal", "kind", std::string(kind->kind)}, parts[0], kind->kind,
                      parts.size() == 2 ? parts[1] : "", plan, detail);
  }
  if (auto parts = below(t.path, kExtensionBase); !parts.empty()) {
    auto bearer = p_.oauth.check(authorization, {kScopeJournal});
    if (!bearer) return oneroster_error(bearer.error());
    if (parts.size() == 1 && parts[0] == "batches") {
      if (request.method != "POST") return method_not_allowed();
      return batch(request, *bearer);
    }
    if (request.method != "GET") return method_not_allowed();
    if (parts.size() == 1 && parts[0] == "cursor") {
      auto cursor = acknowledged_through(p_.db, bearer->client_id);
      if (!cursor) return oneroster_error(cursor.error());
      return json_reply(200, json::object{{"acknowledged_through", *cursor}});
    }
    if (parts.size() == 1 && parts[0] == "anchors") {
      auto page_of = paging(t.query);
      if (!page_of) return oneroster_error(page_of.error());
      auto page = read_anchors(p_.db, bearer->client_id, page_of->first, page_of->second);
      if (!page) return oneroster_error(page.error());
      auto r = json_reply(200, json::object{{"anchors", std::move(page->anchors)}});
      r.headers.emplace_back("X-Total-Count", std::to_string(page->total));
      r.headers.emplace_back("Link", page_links(request, t.path, t.query, page_of->first, page_of->second, page->total));
      return r;
    }
    const auto* kind = journal_kind_by_collection(parts[0]);
    if (!kind || parts.size() > 2)
      return oneroster_error(make_error(Errc::not_found, "portal.unknown_path", "no extension collection " + parts[0]));
    return collection(request, RowSet{"journal", "kind", std::string(kind->kind)}, parts[0], kind->kind,
                      parts.size() == 2 ? parts[1] : "", plan, detail);
  }
  return oneroster_error(make_error(Errc::not_found, "portal.unknown_path", "no such path on this portal: " + t.path));
}

Response Routes::token(const Request& request, const FaultPlan& plan, std::string& detail) {
  auto grant = p_.oauth.issue(request.header("authorization"), request.body);
  if (!grant) return oauth_error(grant.error());
  std::int64_t expires_in = grant->expires_in;
  if (plan.kind == FaultKind::clock_skew) {
    expires_in = std::max<std::int64_t>(1, expires_in + plan.skew_s());
    detail += " expires_in=" + std::to_string(expires_in) + " (true " + std::to_string(grant->expires_in) + ")";
  }
  auto r = json_reply(200, json::object{{"access_token", grant->access_token},
                                        {"token_type", "bearer"},
                                        {"expires_in", expires_in},
                                        {"scope", grant->scope}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response Routes::collection(const Request& request, const RowSet& set, std::string_view name, std::string_view single,
                            const std::string& id, const FaultPlan& plan, std::string& detail) {
  if (!id.empty()) {
    auto one = read_one(p_.db, set, id);
    if (!one) return oneroster_error(one.error());
    return json_reply(200, json::object{{single, json::parse(*one)}});
  }
  const auto t = split(request.target);
  auto page_of = paging(t.query);
  if (!page_of) return oneroster_error(page_of.error());
  auto where = parse_filter(form_value(t.query, "filter"));
  if (!where) return oneroster_error(where.error());
  auto [limit, offset] = *page_of;
  std::int64_t read_offset = offset, read_limit = limit;
  if (plan.kind == FaultKind::duplicate_page && offset > 0) {
    const auto repeat = 1 + static_cast<std::int64_t>(plan.draw % static_cast<std::uint64_t>(
                                                          std::min({offset, limit, kMaxRepeatedObjects})));
    read_offset -= repeat;
    read_limit += repeat;
    detail += " repeated=" + std::to_string(repeat);
  }
  auto page = read_page(p_.db, set, *where, read_limit, read_offset);
  if (!page) return oneroster_error(page.error());
  json::array objects;
  for (const auto& text : page->objects) objects.push_back(json::parse(text));
  auto r = json_reply(200, json::object{{name, std::move(objects)}});
  r.headers.emplace_back("X-Total-Count", std::to_string(page->total));
  r.headers.emplace_back("Link", page_links(request, t.path, t.query, limit, offset, page->total));
  return r;
}

Response Routes::batch(const Request& request, const Bearer& bearer) {
  auto answer = p_.batches.apply(BatchRequest{bearer.client_id, request.header("idempotency-key"),
                                              request.header("classbook-signature"), request.body, "https"});
  if (!answer) return oneroster_error(answer.error());
  Response r{answer->http_status, {{"Content-Type", "application/json"}}, answer->body};
  if (answer->replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

Response Routes::operator_call(const Request& request, const std::string& path) {
  const auto authorization = request.header("authorization");
  if (!authorization.starts_with("Bearer ") || !constant_time_equal(authorization.substr(7), p_.operator_token))
    return oneroster_error(make_error(Errc::unauthenticated, "portal.operator_only",
                                      "the operator's endpoints take the token of DIR/operator.token as a bearer token"));
  const std::string base(kOperatorBase);
  if (path == base + "/status" && request.method == "GET") {
    auto summary = portal_summary(p_.db);
    if (!summary) return oneroster_error(summary.error());
    (*summary)["faults"] = json::object{{"enabled", p_.faults.enabled()},
                                        {"seed", p_.faults.seed()},
                                        {"rate", p_.faults.rate()},
                                        {"injected", p_.faults.injected().size()}};
    return json_reply(200, *summary);
  }
  if (path == base + "/faults" && request.method == "GET") {
    json::array list;
    for (const auto& f : p_.faults.injected())
      list.push_back(json::object{{"n", f.number}, {"request_id", f.request_id}, {"kind", f.kind}, {"detail", f.detail},
                                  {"target", f.target}});
    return json_reply(200, json::object{{"faults", std::move(list)}});
  }
  if ((path == base + "/roster" || path == base + "/roster/tobedeleted") && request.method == "POST") {
    json::value body;
    try {
      body = json::parse(request.body);
    } catch (const std::exception&) {
      return oneroster_error(make_error(Errc::invalid_input, "roster.invalid", "the body is not JSON"));
    }
    if (!body.is_object()) return oneroster_error(make_error(Errc::invalid_input, "roster.invalid", "the body is an object"));
    auto change = path.ends_with("/tobedeleted") ? p_.roster.mark_tobedeleted(body.as_object()) : p_.roster.upsert(body.as_object());
    if (!change) return oneroster_error(change.error());
    return json_reply(200, json::object{{"changed", change->changed}, {"dateLastModified", change->date_last_modified}});
  }
  return oneroster_error(make_error(Errc::not_found, "portal.unknown_path", "no such operator path: " + path));
}

}  // namespace classbook::portal
