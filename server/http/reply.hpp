// reply: the one set of answer helpers every route file uses — answer a read's Result, answer a
// write once committed, and a list of views under one key. Internal to http/.
#pragma once

#include <vector>

#include "http/call.hpp"

namespace classbook::http {

using Call = Api::Call;

// Each route file maps its views to JSON with its own overloads; it hands them in as a converter,
// e.g. `constexpr auto as_json = [](const auto& v) { return json_of(v); };`.
constexpr auto json_out = [](const auto& v) { return json::value(to_json(v)); };

// A true/false query parameter (?include_left=true): absent or "false" is false.
inline Result<bool> query_flag(Call& c, const char* name) {
  const auto& v = c.query[name];
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  return make_error(Errc::invalid_input, "request.wrong_type", std::string(name) + " is true or false", name);
}

inline void reply_no_content(Call& c, Ok) { c.reply(make_response(status::no_content, c.req.version(), "")); }

// A write's continuation: answers with the JSON of the committed value under `s`.
template <class Convert = decltype(json_out)>
auto reply_with(status s, Convert convert = json_out) {
  return [s, convert](Call& c, const auto& v) { c.json_reply(s, convert(v)); };
}

// A read's answer: 200 with the JSON of the value, or the error.
template <class T, class Convert = decltype(json_out)>
void answer(Call& c, const Result<T>& r, Convert convert = json_out) {
  r ? c.json_reply(status::ok, convert(*r)) : c.fail(r.error());
}

// {"<key>": [ … ]} of a list of views.
template <class T, class Convert = decltype(json_out)>
json::value list_of(const char* key, const std::vector<T>& items, Convert convert = json_out) {
  json::array list;
  list.reserve(items.size());
  for (const auto& i : items) list.push_back(convert(i));
  return json::object{{key, std::move(list)}};
}

// A read that answers with a list under `key`.
template <class T, class Convert = decltype(json_out)>
void answer_list(Call& c, const char* key, const Result<std::vector<T>>& r, Convert convert = json_out) {
  r ? c.json_reply(status::ok, list_of(key, *r, convert)) : c.fail(r.error());
}


}  // namespace classbook::http
