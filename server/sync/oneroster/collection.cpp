// collection: the item-by-item reader and the bounded JSON text parser.
#include "sync/oneroster/collection.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include "sync/oneroster/json.hpp"

namespace classbook::oneroster {
namespace {

template <class T>
struct Kind;
#define CLASSBOOK_KIND(T, KEY, PARSE)                                                                         \
  template <>                                                                                                 \
  struct Kind<T> {                                                                                            \
    static constexpr std::string_view key = KEY;                                                              \
    static classbook::Result<T> parse(const boost::json::value& v, std::string_view p) { return PARSE(v, p); } \
  };
CLASSBOOK_KIND(Org, "orgs", parse_org)
CLASSBOOK_KIND(AcademicSession, "academicSessions", parse_academic_session)
CLASSBOOK_KIND(Course, "courses", parse_course)
CLASSBOOK_KIND(Class, "classes", parse_class)
CLASSBOOK_KIND(User, "users", parse_user)
CLASSBOOK_KIND(Enrollment, "enrollments", parse_enrollment)
CLASSBOOK_KIND(Demographics, "demographics", parse_demographics)
CLASSBOOK_KIND(Category, "categories", parse_category)
CLASSBOOK_KIND(ScoreScale, "scoreScales", parse_score_scale)
CLASSBOOK_KIND(LineItem, "lineItems", parse_line_item)
CLASSBOOK_KIND(ResultRecord, "results", parse_result)
#undef CLASSBOOK_KIND

}  // namespace

classbook::Result<boost::json::value> parse_json_text(std::string_view text) {
  if (text.size() > max_body_bytes)
    return make_error(Errc::invalid_input, "oneroster.too_large",
                      "the response is " + std::to_string(text.size()) + " bytes, more than the " +
                          std::to_string(max_body_bytes) + " the box reads; ask for smaller pages (limit)");
  boost::json::parse_options options;
  options.max_depth = max_json_depth;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec, {}, options);
  if (ec)
    return make_error(Errc::invalid_input, "oneroster.malformed_json",
                      "the response is not well-formed JSON (" + ec.message() + ")");
  return value;
}

template <class T>
std::string_view collection_key() {
  return Kind<T>::key;
}

template <class T>
classbook::Result<Collection<T>> parse_collection(const boost::json::value& body) {
  const std::string key(Kind<T>::key);
  const auto* object = body.if_object();
  const auto* items = object ? object->if_contains(key) : nullptr;
  const auto* array = items ? items->if_array() : nullptr;
  if (!array)
    return make_error(Errc::invalid_input, "oneroster.not_a_collection",
                      "the response is not a OneRoster collection: expected an object with an array \"" + key + "\"",
                      key);
  Collection<T> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& item = (*array)[i];
    auto parsed = Kind<T>::parse(item, key + "[" + std::to_string(i) + "]");
    if (parsed) {
      out.items.push_back(std::move(*parsed));
      continue;
    }
    ItemRefusal refusal{i, {}, parsed.error()};
    if (const auto* o = item.if_object())
      if (const auto* id = o->if_contains("sourcedId"))
        if (const auto* s = id->if_string()) refusal.sourced_id = std::string(*s);
    out.refused.push_back(std::move(refusal));
  }
  return out;
}

#define CLASSBOOK_INSTANTIATE(T)                       \
  template std::string_view collection_key<T>();       \
  template classbook::Result<Collection<T>> parse_collection<T>(const boost::json::value&);
CLASSBOOK_INSTANTIATE(Org)
CLASSBOOK_INSTANTIATE(AcademicSession)
CLASSBOOK_INSTANTIATE(Course)
CLASSBOOK_INSTANTIATE(Class)
CLASSBOOK_INSTANTIATE(User)
CLASSBOOK_INSTANTIATE(Enrollment)
CLASSBOOK_INSTANTIATE(Demographics)
CLASSBOOK_INSTANTIATE(Category)
CLASSBOOK_INSTANTIATE(ScoreScale)
CLASSBOOK_INSTANTIATE(LineItem)
CLASSBOOK_INSTANTIATE(ResultRecord)
#undef CLASSBOOK_INSTANTIATE

}  // namespace classbook::oneroster
