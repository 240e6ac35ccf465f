// json_in: parse options, field checks and their messages.
#include "http/json_in.hpp"

#include <boost/json/parse.hpp>

namespace classbook::http {
namespace json = boost::json;

namespace {
Error bad(ErrorCode id, std::string msg, std::string_view field = {}) {
  return make_error(Errc::invalid_input, id, std::move(msg), std::string(field));
}
}  // namespace

Result<json::object> parse_object(std::string_view body) {
  json::parse_options opt;
  opt.max_depth = json_max_depth;
  opt.allow_invalid_utf8 = false;
  json::error_code ec;
  json::value v = json::parse(body, ec, {}, opt);
  if (ec) return bad("request.not_json", "the request body is not valid JSON (" + ec.message() + "); send a JSON object");
  if (!v.is_object()) return bad("request.not_object", "the request body must be a JSON object");
  return std::move(v.as_object());
}

Result<Fields> Fields::of(const json::object& obj, std::initializer_list<std::string_view> known) {
  for (const auto& kv : obj) {
    bool ok = false;
    for (auto k : known) ok = ok || kv.key() == k;
    if (!ok) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return bad("request.unknown_field", "unknown field '" + std::string(kv.key()) + "'; the known fields are: " + list, kv.key());
    }
  }
  return Fields(obj);
}

const json::value* Fields::find(std::string_view name) const {
  auto it = obj_->find(name);
  return it == obj_->end() ? nullptr : &it->value();
}

Result<std::optional<std::string>> Fields::optional_string(std::string_view name) const {
  const auto* v = find(name);
  if (!v || v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) return bad("request.wrong_type", "'" + std::string(name) + "' must be a string", name);
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::vector<std::string>> Fields::optional_strings(std::string_view name, std::size_t max) const {
  const auto* v = find(name);
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return bad("request.wrong_type", "'" + std::string(name) + "' must be an array of strings", name);
  const auto& items = v->as_array();
  if (items.size() > max)
    return bad("request.too_many", "'" + std::string(name) + "' may hold at most " + std::to_string(max) + " items", name);
  for (const auto& item : items) {
    if (!item.is_string()) return bad("request.wrong_type", "'" + std::string(name) + "' must be an array of strings", name);
    out.emplace_back(item.as_string());
  }
  return out;
}

Result<std::string> Fields::string(std::string_view name) const {
  auto r = optional_string(name);
  if (!r) return r.error();
  if (!*r) return bad("request.field_missing", "'" + std::string(name) + "' is required", name);
  return std::move(**r);
}

Result<std::optional<std::int64_t>> Fields::optional_integer(std::string_view name) const {
  const auto* v = find(name);
  if (!v || v->is_null()) return std::optional<std::int64_t>{};
  if (v->is_int64()) return std::optional<std::int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->as_uint64()));
  return bad("request.wrong_type", "'" + std::string(name) + "' must be a whole number", name);
}

Result<std::int64_t> Fields::integer(std::string_view name) const {
  auto r = optional_integer(name);
  if (!r) return r.error();
  if (!*r) return bad("request.field_missing", "'" + std::string(name) + "' is required", name);
  return **r;
}

Result<std::optional<bool>> Fields::optional_boolean(std::string_view name) const {
  const auto* v = find(name);
  if (!v || v->is_null()) return std::optional<bool>{};
  if (!v->is_bool()) return bad("request.wrong_type", "'" + std::string(name) + "' must be true or false", name);
  return std::optional<bool>(v->as_bool());
}

}  // namespace classbook::http
