// oneroster_collection: the REST binding's collection answer, over any record type's JSON.
#include "http/oneroster_collection.hpp"

#include "http/oneroster_reply.hpp"
#include "sync/oneroster/query.hpp"

namespace classbook::http {
namespace or_ = classbook::oneroster;
namespace {

std::span<const std::string_view> fields_of(OneRosterType t) {
  switch (t) {
    case OneRosterType::org: return or_::record_fields<or_::Org>();
    case OneRosterType::academic_session: return or_::record_fields<or_::AcademicSession>();
    case OneRosterType::course: return or_::record_fields<or_::Course>();
    case OneRosterType::class_: return or_::record_fields<or_::Class>();
    case OneRosterType::user: return or_::record_fields<or_::User>();
    case OneRosterType::enrollment: return or_::record_fields<or_::Enrollment>();
    case OneRosterType::category: return or_::record_fields<or_::Category>();
    case OneRosterType::line_item: return or_::record_fields<or_::LineItem>();
    case OneRosterType::result: return or_::record_fields<or_::ResultRecord>();
  }
  return {};
}

or_::QueryParams params_of(Api::Call& c) {
  or_::QueryParams p;
  auto take = [&](const char* name, std::optional<std::string>& to) {
    if (auto i = c.query.find(name); i != c.query.end()) to = i->second;
  };
  take("limit", p.limit);
  take("offset", p.offset);
  take("sort", p.sort);
  take("orderBy", p.order_by);
  take("filter", p.filter);
  take("fields", p.fields);
  return p;
}

// The request's own URL without its query, for the Link header's URLs.
std::string own_url(const Api::Call& c) {
  const auto target = std::string(c.req.target());
  const auto host = std::string(c.req[bh::field::host]);
  return "https://" + (host.empty() ? std::string("localhost") : host) + target.substr(0, target.find('?'));
}

std::string payload(std::string_view key, const json::value& v) {
  json::object o;
  o[key] = v;
  return json::serialize(o);
}

}  // namespace

void oneroster_collection(Api::Call& c, OneRosterType type, std::string_view key, Result<app::OneRosterRecords> records) {
  if (!records) return oneroster_fail(c, records.error());
  auto query = or_::parse_query(params_of(c), fields_of(type));
  if (!query) return oneroster_fail(c, query.error());
  auto page = or_::apply_query(std::move(*records), *query);
  json::array items;
  items.reserve(page.items.size());
  for (auto& o : page.items) items.emplace_back(std::move(o));
  auto res = make_response(status::ok, c.req.version(), payload(key, json::value(std::move(items))));
  res.set("X-Total-Count", std::to_string(page.total));
  res.set(bh::field::link, or_::link_header(own_url(c), *query, page.total));
  c.reply(std::move(res));
}

void oneroster_single(Api::Call& c, OneRosterType type, std::string_view key, Result<app::OneRosterRecords> records,
                      std::string_view id, const char* what) {
  if (!records) return oneroster_fail(c, records.error());
  auto query = or_::parse_query(or_::QueryParams{.fields = params_of(c).fields}, fields_of(type));
  if (!query) return oneroster_fail(c, query.error());
  for (auto& r : *records) {
    const auto* sid = r.if_contains("sourcedId");
    if (!sid || !sid->is_string() || sid->get_string() != id) continue;
    auto page = or_::apply_query({std::move(r)}, *query);
    return c.reply(make_response(status::ok, c.req.version(), payload(key, page.items.front())));
  }
  oneroster_fail(c, make_error(Errc::not_found, "oneroster.unknown_object",
                               std::string("no ") + what + " has the sourcedId '" + std::string(id) + "'", "sourcedId"));
}

}  // namespace classbook::http
