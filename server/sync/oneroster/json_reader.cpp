// json_reader: the one place that turns a JSON value into checked fields and plain-words errors.
#include "sync/oneroster/json_reader.hpp"

#include <algorithm>

#include "sync/oneroster/json.hpp"

namespace classbook::oneroster::detail {

std::string join_path(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  if (key.starts_with('[')) return std::string(path) + std::string(key);
  return std::string(path) + "." + std::string(key);
}

std::string_view kind_of(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

ObjectReader::ObjectReader(const boost::json::value& v, std::string_view path, std::string_view what)
    : object_(v.if_object()), path_(path), what_(what) {
  if (!object_) {
    const std::string where = path_.empty() ? std::string(what) : path_;
    fail(make_error(Errc::invalid_input, "oneroster.wrong_type",
                    where + ": expected an object (a OneRoster " + what_ + "), got " + std::string(kind_of(v)), path_));
  }
}

void ObjectReader::fail(Error e) {
  if (!error_) error_ = std::move(e);
}

const boost::json::value* ObjectReader::find(std::string_view key) {
  known_.push_back(key);
  if (!object_ || error_) return nullptr;
  return object_->if_contains(key);
}

void ObjectReader::missing(std::string_view key) {
  const auto field = join_path(path_, key);
  fail(make_error(Errc::invalid_input, "oneroster.missing_field",
                  field + ": missing; a OneRoster " + what_ + " needs it", field));
}

void ObjectReader::wrong_type(std::string_view key, std::string_view expected, const boost::json::value& got) {
  const auto field = join_path(path_, key);
  fail(make_error(Errc::invalid_input, "oneroster.wrong_type",
                  field + ": expected " + std::string(expected) + ", got " + std::string(kind_of(got)), field));
}

void ObjectReader::not_in_vocabulary(std::string_view key, std::string_view text, std::string_view name,
                                     const std::string& choices) {
  const auto field = join_path(path_, key);
  fail(make_error(Errc::invalid_input, "oneroster.not_in_vocabulary",
                  field + ": '" + std::string(text) + "' is not a " + std::string(name) + "; expected one of " + choices,
                  field));
}

std::optional<std::string> ObjectReader::optional_string(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (const auto* s = v->if_string()) return std::string(*s);
  wrong_type(key, "a string", *v);
  return std::nullopt;
}

std::string ObjectReader::required_string(std::string_view key) {
  auto s = optional_string(key);
  if (!s && ok()) missing(key);
  return s.value_or(std::string());
}

std::optional<std::string> ObjectReader::optional_date(std::string_view key) {
  auto s = optional_string(key);
  if (s && !is_date(*s)) {
    const auto field = join_path(path_, key);
    fail(make_error(Errc::invalid_input, "oneroster.bad_date",
                    field + ": '" + *s + "' is not a date; expected YYYY-MM-DD, a real calendar day", field));
    return std::nullopt;
  }
  return s;
}

std::string ObjectReader::required_date(std::string_view key) {
  auto s = optional_date(key);
  if (!s && ok()) missing(key);
  return s.value_or(std::string());
}

std::string ObjectReader::required_datetime(std::string_view key) {
  auto s = optional_string(key);
  if (!s) {
    if (ok()) missing(key);
    return {};
  }
  if (!parse_datetime(*s)) {
    const auto field = join_path(path_, key);
    fail(make_error(Errc::invalid_input, "oneroster.bad_date",
                    field + ": '" + *s + "' is not a UTC date-time; expected YYYY-MM-DDTHH:MM:SS[.fraction]Z", field));
    return {};
  }
  return *s;
}

std::string ObjectReader::required_school_year(std::string_view key) {
  auto s = required_string(key);
  if (ok() && !is_school_year(s)) {
    const auto field = join_path(path_, key);
    fail(make_error(Errc::invalid_input, "oneroster.bad_date",
                    field + ": '" + s + "' is not a school year; expected four digits, the year it ends (YYYY)", field));
  }
  return s;
}

std::optional<bool> ObjectReader::optional_bool_text(std::string_view key) {
  auto s = optional_string(key);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  not_in_vocabulary(key, *s, "OneRoster boolean", "true or false (as strings)");
  return std::nullopt;
}

bool ObjectReader::required_bool_text(std::string_view key) {
  auto b = optional_bool_text(key);
  if (!b && ok()) missing(key);
  return b.value_or(false);
}

std::optional<double> ObjectReader::optional_number(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (const auto* d = v->if_double()) return *d;
  if (const auto* i = v->if_int64()) return static_cast<double>(*i);
  if (const auto* u = v->if_uint64()) return static_cast<double>(*u);
  wrong_type(key, "a number", *v);
  return std::nullopt;
}

std::vector<std::string> ObjectReader::string_list(std::string_view key) {
  std::vector<std::string> out;
  const auto* a = list(key, 0);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto* s = (*a)[i].if_string();
    if (!s) {
      wrong_type(std::string(key) + "[" + std::to_string(i) + "]", "a string", (*a)[i]);
      return {};
    }
    out.emplace_back(*s);
  }
  return out;
}

const boost::json::array* ObjectReader::list(std::string_view key, std::size_t min_items) {
  const auto* v = find(key);
  if (!v) {
    if (min_items > 0 && ok()) missing(key);
    return nullptr;
  }
  const auto* a = v->if_array();
  if (!a) {
    wrong_type(key, "an array", *v);
    return nullptr;
  }
  if (a->size() < min_items) {
    const auto field = join_path(path_, key);
    fail(make_error(Errc::invalid_input, "oneroster.missing_field",
                    field + ": empty; a OneRoster " + what_ + " needs at least " + std::to_string(min_items), field));
    return nullptr;
  }
  return a;
}

std::optional<GuidRef> ObjectReader::optional_ref(std::string_view key, RefType expected) {
  const auto* v = find(key);
  if (!v || !ok()) return std::nullopt;
  auto ref = parse_guid_ref(*v, expected, join_path(path_, key));
  if (!ref) {
    fail(ref.error());
    return std::nullopt;
  }
  return *ref;
}

GuidRef ObjectReader::required_ref(std::string_view key, RefType expected) {
  auto ref = optional_ref(key, expected);
  if (!ref && ok()) missing(key);
  return ref.value_or(GuidRef{});
}

std::vector<GuidRef> ObjectReader::ref_list(std::string_view key, RefType expected, std::size_t min_items) {
  std::vector<GuidRef> out;
  const auto* a = list(key, min_items);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto ref = parse_guid_ref((*a)[i], expected, join_path(path_, std::string(key) + "[" + std::to_string(i) + "]"));
    if (!ref) {
      fail(ref.error());
      return {};
    }
    out.push_back(std::move(*ref));
  }
  return out;
}

std::optional<boost::json::object> ObjectReader::optional_object(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (const auto* o = v->if_object()) return *o;
  wrong_type(key, "an object", *v);
  return std::nullopt;
}

std::optional<boost::json::array> ObjectReader::optional_array(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (const auto* a = v->if_array()) return *a;
  wrong_type(key, "an array", *v);
  return std::nullopt;
}

Base ObjectReader::base() {
  Base b;
  b.sourced_id = required_string("sourcedId");
  b.status = required_plain_vocabulary<Status>("status");
  b.date_last_modified = required_datetime("dateLastModified");
  b.metadata = optional_object("metadata");
  return b;
}

void ObjectReader::finish() {
  if (!object_ || error_) return;
  for (const auto& kv : *object_) {
    const std::string_view key = kv.key();
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    const auto field = join_path(path_, key);
    fail(make_error(Errc::invalid_input, "oneroster.unknown_field",
                    field + ": not a field of a OneRoster " + what_ + "; proprietary data goes in \"metadata\"", field));
    return;
  }
}

}  // namespace classbook::oneroster::detail
