// json_reader (internal to the library): reads one JSON object field by field, keeps the first
// failure with its path, and refuses fields the standard does not define.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"
#include "sync/oneroster/dates.hpp"
#include "sync/oneroster/model.hpp"

namespace classbook::oneroster::detail {

std::string join_path(std::string_view path, std::string_view key);
std::string_view kind_of(const boost::json::value& v);  // "a string", "a number", …

class ObjectReader {
 public:
  // `what` names the record for messages ("user"). A non-object fails at once.
  ObjectReader(const boost::json::value& v, std::string_view path, std::string_view what);

  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }
  const std::string& path() const { return path_; }

  std::string required_string(std::string_view key);
  std::optional<std::string> optional_string(std::string_view key);
  std::string required_date(std::string_view key);
  std::optional<std::string> optional_date(std::string_view key);
  std::string required_datetime(std::string_view key);
  std::string required_school_year(std::string_view key);
  bool required_bool_text(std::string_view key);  // the standard's "true"/"false" strings
  std::optional<bool> optional_bool_text(std::string_view key);
  std::optional<double> optional_number(std::string_view key);
  std::vector<std::string> string_list(std::string_view key);
  GuidRef required_ref(std::string_view key, RefType expected);
  std::optional<GuidRef> optional_ref(std::string_view key, RefType expected);
  std::vector<GuidRef> ref_list(std::string_view key, RefType expected, std::size_t min_items);
  std::optional<boost::json::object> optional_object(std::string_view key);
  std::optional<boost::json::array> optional_array(std::string_view key);
  // The array under `key` (empty when absent), for lists of nested objects; fails below min_items.
  const boost::json::array* list(std::string_view key, std::size_t min_items);
  Base base();

  template <class E>
  Extensible<E> required_vocabulary(std::string_view key) {
    auto v = optional_vocabulary<E>(key);
    if (!v && ok()) missing(key);
    return v ? *v : Extensible<E>{};
  }
  template <class E>
  std::optional<Extensible<E>> optional_vocabulary(std::string_view key) {
    auto text = optional_string(key);
    if (!text) return std::nullopt;
    auto v = Extensible<E>::parse(*text);
    if (!v) not_in_vocabulary(key, *text, vocabulary_name<E>(), vocabulary_choices<E>());
    return v;
  }
  template <class E>
  E required_plain_vocabulary(std::string_view key) {
    auto text = optional_string(key);
    if (!text) {
      if (ok()) missing(key);
      return E{};
    }
    auto v = parse_vocabulary<E>(*text);
    if (!v) {
      not_in_vocabulary(key, *text, vocabulary_name<E>(), vocabulary_choices<E>());
      return E{};
    }
    return *v;
  }

  // Records the first failure (later ones are ignored: one error per record).
  void fail(Error e);
  // Refuses any field not read by the getters above. Call last.
  void finish();

 private:
  const boost::json::value* find(std::string_view key);
  void missing(std::string_view key);
  void wrong_type(std::string_view key, std::string_view expected, const boost::json::value& got);
  void not_in_vocabulary(std::string_view key, std::string_view text, std::string_view name, const std::string& choices);

  const boost::json::object* object_ = nullptr;
  std::string path_;
  std::string what_;
  std::vector<std::string_view> known_;
  std::optional<Error> error_;
};

// Checks for unknown fields, then gives the record or the reader's first error.
template <class T>
classbook::Result<T> finish_record(ObjectReader& r, T&& value) {
  r.finish();
  if (!r.ok()) return r.error();
  return std::move(value);
}

// Reads the array of nested records under `key` with `parse`, all or nothing.
template <class T, class Parse>
std::vector<T> nested(ObjectReader& r, std::string_view key, std::size_t min_items, Parse parse) {
  std::vector<T> out;
  const auto* a = r.list(key, min_items);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto item = parse((*a)[i], join_path(r.path(), std::string(key) + "[" + std::to_string(i) + "]"));
    if (!item) {
      r.fail(item.error());
      return {};
    }
    out.push_back(std::move(*item));
  }
  return out;
}

}  // namespace classbook::oneroster::detail
