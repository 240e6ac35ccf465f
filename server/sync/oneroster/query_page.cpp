// query_page: the parameters checked against a record type's fields, and a page cut from records.
#include "sync/oneroster/query.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "sync/oneroster/model.hpp"

namespace classbook::oneroster {
namespace {

Error bad_query(std::string_view param, std::string message) {
  return make_error(Errc::invalid_input, "oneroster.invalid_query", std::string(param) + ": " + std::move(message),
                    std::string(param));
}

std::optional<std::size_t> whole_number(std::string_view text) {
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

bool known(std::span<const std::string_view> fields, std::string_view name) {
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

// The first value found under a dotted path (arrays: their first element), for sorting.
const boost::json::value* first_value(const boost::json::object& record, std::string_view field) {
  const boost::json::value* v = nullptr;
  const boost::json::object* o = &record;
  std::size_t start = 0;
  for (;;) {
    const auto dot = field.find('.', start);
    const auto name = field.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    v = o ? o->if_contains(name) : nullptr;
    while (v && v->is_array() && !v->get_array().empty()) v = &v->get_array().front();
    if (!v || dot == std::string_view::npos) return v;
    o = v->if_object();
    start = dot + 1;
  }
}

// <0, 0, >0; a missing value sorts after every present one in either order (caller's concern).
int compare_values(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_number() && b.is_number()) {
    auto num = [](const boost::json::value& v) {
      return v.is_double() ? v.get_double() : v.is_int64() ? static_cast<double>(v.get_int64())
                                                            : static_cast<double>(v.get_uint64());
    };
    const double x = num(a), y = num(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const auto* sa = a.if_string();
  const auto* sb = b.if_string();
  if (sa && sb) {
    const auto ta = parse_datetime(*sa), tb = parse_datetime(*sb);
    if (ta && tb) return *ta < *tb ? -1 : *tb < *ta ? 1 : 0;
    const int c = std::string_view(*sa).compare(std::string_view(*sb));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (sa != nullptr) return -1;  // strings before other kinds, so mixed data still sorts deterministically
  if (sb != nullptr) return 1;
  return 0;
}

void append_param(std::string& out, std::string_view name, std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  if (!out.empty()) out += '&';
  out += name;
  out += '=';
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
}

// ---- the top-level fields of each record type, as the standard spells them

constexpr std::array<std::string_view, 4> base_fields{"sourcedId", "status", "dateLastModified", "metadata"};
#define CLASSBOOK_FIELDS(T, ...)                                                                      \
  template <>                                                                                         \
  std::span<const std::string_view> record_fields<T>() {                                              \
    static constexpr std::array<std::string_view, 4 + std::size({__VA_ARGS__})> all = [] {           \
      std::array<std::string_view, 4 + std::size({__VA_ARGS__})> a{};                                 \
      constexpr std::string_view own[] = {__VA_ARGS__};                                               \
      std::copy(base_fields.begin(), base_fields.end(), a.begin());                                   \
      std::copy(std::begin(own), std::end(own), a.begin() + 4);                                       \
      return a;                                                                                       \
    }();                                                                                              \
    return all;                                                                                       \
  }

}  // namespace

CLASSBOOK_FIELDS(Org, "name", "type", "identifier", "parent", "children")
CLASSBOOK_FIELDS(AcademicSession, "title", "startDate", "endDate", "type", "parent", "children", "schoolYear")
CLASSBOOK_FIELDS(Course, "title", "schoolYear", "courseCode", "grades", "subjects", "org", "subjectCodes", "resources")
CLASSBOOK_FIELDS(Class, "title", "classCode", "classType", "location", "grades", "subjects", "course", "school",
                 "terms", "subjectCodes", "periods", "resources")
CLASSBOOK_FIELDS(User, "userMasterIdentifier", "username", "userIds", "enabledUser", "givenName", "familyName",
                 "middleName", "preferredFirstName", "preferredMiddleName", "preferredLastName", "pronouns", "roles",
                 "userProfiles", "primaryOrg", "identifier", "email", "sms", "phone", "agents", "grades", "password",
                 "resources")
CLASSBOOK_FIELDS(Enrollment, "user", "class", "school", "role", "primary", "beginDate", "endDate")
CLASSBOOK_FIELDS(Demographics, "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                 "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                 "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
                 "publicSchoolResidenceStatus")
CLASSBOOK_FIELDS(Category, "title", "weight")
CLASSBOOK_FIELDS(ScoreScale, "title", "type", "course", "class", "scoreScaleValue")
CLASSBOOK_FIELDS(LineItem, "title", "description", "assignDate", "dueDate", "class", "school", "category",
                 "gradingPeriod", "academicSession", "scoreScale", "resultValueMin", "resultValueMax",
                 "learningObjectiveSet")
CLASSBOOK_FIELDS(ResultRecord, "lineItem", "student", "class", "scoreScale", "scoreStatus", "score", "textScore",
                 "scoreDate", "comment", "learningObjectiveSet", "inProgress", "incomplete", "late", "missing")
#undef CLASSBOOK_FIELDS

classbook::Result<CollectionQuery> parse_query(const QueryParams& params, std::span<const std::string_view> known_fields) {
  CollectionQuery q;
  if (params.limit) {
    const auto n = whole_number(*params.limit);
    if (!n || *n == 0) return bad_query("limit", "'" + *params.limit + "' is not a whole number of 1 or more");
    q.limit = std::min(*n, max_limit);
  }
  if (params.offset) {
    const auto n = whole_number(*params.offset);
    if (!n) return bad_query("offset", "'" + *params.offset + "' is not a whole number of 0 or more");
    q.offset = *n;
  }
  if (params.order_by) {
    if (*params.order_by == "asc") q.order = SortOrder::asc;
    else if (*params.order_by == "desc") q.order = SortOrder::desc;
    else return bad_query("orderBy", "'" + *params.order_by + "' is neither asc nor desc");
  }
  // An unknown sort field is not an error: the records come in the provider's own order.
  if (params.sort && !params.sort->empty() && known(known_fields, params.sort->substr(0, params.sort->find('.'))))
    q.sort = *params.sort;
  if (params.filter) {
    auto f = parse_filter(*params.filter);
    if (!f) return f.error();
    for (const auto& p : f->predicates) {
      const auto top = std::string_view(p.field).substr(0, p.field.find('.'));
      if (!known(known_fields, top))
        return make_error(Errc::invalid_input, "oneroster.invalid_filter",
                          "filter: '" + p.field + "' is not a field of these records", "filter");
    }
    q.filter = std::move(*f);
  }
  if (params.fields) {
    std::vector<std::string> fields;
    bool all_known = true;
    std::string_view rest = *params.fields;
    for (;;) {
      const auto comma = rest.find(',');
      const auto name = rest.substr(0, comma);
      if (name.empty())
        return make_error(Errc::invalid_input, "oneroster.invalid_selection",
                          "fields: a blank field name; list field names separated by commas, e.g. fields=sourcedId,email",
                          "fields");
      if (fields.size() == max_selected_fields)
        return make_error(Errc::invalid_input, "oneroster.invalid_selection",
                          "fields: more than " + std::to_string(max_selected_fields) + " field names", "fields");
      all_known = all_known && known(known_fields, name);
      fields.emplace_back(name);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    // The standard: a selection naming a field that does not exist returns all of each record.
    if (all_known) q.fields = std::move(fields);
  }
  return q;
}

Page apply_query(std::vector<boost::json::object> records, const CollectionQuery& q) {
  if (q.filter)
    std::erase_if(records, [&](const boost::json::object& r) { return !matches(r, *q.filter); });
  if (q.sort) {
    std::stable_sort(records.begin(), records.end(), [&](const boost::json::object& a, const boost::json::object& b) {
      const auto* va = first_value(a, *q.sort);
      const auto* vb = first_value(b, *q.sort);
      if (!va || !vb) return va != nullptr && vb == nullptr;  // missing values last
      const int c = compare_values(*va, *vb);
      return q.order == SortOrder::asc ? c < 0 : c > 0;
    });
  }
  Page page;
  page.total = records.size();
  const std::size_t from = std::min(q.offset, records.size());
  const std::size_t to = from + std::min(q.limit, records.size() - from);
  for (std::size_t i = from; i < to; ++i) {
    if (q.fields.empty()) {
      page.items.push_back(std::move(records[i]));
      continue;
    }
    boost::json::object selected;
    for (const auto& kv : records[i])
      if (std::find(q.fields.begin(), q.fields.end(), std::string_view(kv.key())) != q.fields.end())
        selected[kv.key()] = kv.value();
    page.items.push_back(std::move(selected));
  }
  return page;
}

std::string query_string(const CollectionQuery& q, std::size_t offset) {
  std::string out;
  append_param(out, "limit", std::to_string(q.limit));
  append_param(out, "offset", std::to_string(offset));
  if (q.sort) {
    append_param(out, "sort", *q.sort);
    append_param(out, "orderBy", q.order == SortOrder::asc ? "asc" : "desc");
  }
  if (q.filter) append_param(out, "filter", to_string(*q.filter));
  if (!q.fields.empty()) {
    std::string joined;
    for (const auto& f : q.fields) joined += (joined.empty() ? "" : ",") + f;
    append_param(out, "fields", joined);
  }
  return out;
}

std::string link_header(std::string_view base_url, const CollectionQuery& q, std::size_t total) {
  const std::size_t limit = std::max<std::size_t>(q.limit, 1);
  const std::size_t last = total == 0 ? 0 : (total - 1) / limit * limit;
  std::string out;
  auto link = [&](std::size_t offset, std::string_view rel) {
    if (!out.empty()) out += ", ";
    out += '<';
    out += base_url;
    out += '?';
    out += query_string(q, offset);
    out += ">; rel=\"";
    out += rel;
    out += '"';
  };
  if (q.offset + limit < total) link(q.offset + limit, "next");
  link(last, "last");
  link(0, "first");
  if (q.offset > 0) link(q.offset > limit ? q.offset - limit : 0, "prev");
  return out;
}

}  // namespace classbook::oneroster
