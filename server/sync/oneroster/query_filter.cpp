// query_filter: the filter grammar and its evaluation over one JSON record.
//   filter    := predicate ( " AND " predicate )* | predicate ( " OR " predicate )*
//   predicate := field op "'" value "'"        field := name ( "." name )*
//   op        := "=" | "!=" | ">" | ">=" | "<" | "<=" | "~"
#include "sync/oneroster/query.hpp"

#include <cctype>
#include <charconv>

namespace classbook::oneroster {
namespace {

Error bad_filter(std::string message) {
  return make_error(Errc::invalid_input, "oneroster.invalid_filter", "filter: " + std::move(message), "filter");
}

bool name_char(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || (!first && (std::isdigit(static_cast<unsigned char>(c)) || c == '_'));
}

void skip_spaces(std::string_view s, std::size_t& at) {
  while (at < s.size() && s[at] == ' ') ++at;
}

classbook::Result<Predicate> read_predicate(std::string_view s, std::size_t& at) {
  Predicate p;
  const std::size_t start = at;
  for (bool first_of_name = true; at < s.size();) {
    if (name_char(s[at], first_of_name)) {
      first_of_name = false;
      ++at;
    } else if (s[at] == '.' && !first_of_name) {
      first_of_name = true;
      ++at;
    } else {
      break;
    }
  }
  p.field = std::string(s.substr(start, at - start));
  if (p.field.empty() || p.field.back() == '.')
    return bad_filter("expected a field name at position " + std::to_string(start + 1) +
                      ", e.g. familyName='Smith'");
  skip_spaces(s, at);
  auto next_is = [&](std::string_view op) { return s.substr(at, op.size()) == op; };
  if (next_is("!=")) p.op = Comparison::not_equal, at += 2;
  else if (next_is(">=")) p.op = Comparison::greater_or_equal, at += 2;
  else if (next_is("<=")) p.op = Comparison::less_or_equal, at += 2;
  else if (next_is("=")) p.op = Comparison::equal, at += 1;
  else if (next_is(">")) p.op = Comparison::greater, at += 1;
  else if (next_is("<")) p.op = Comparison::less, at += 1;
  else if (next_is("~")) p.op = Comparison::contains, at += 1;
  else
    return bad_filter("after '" + p.field + "' expected one of = != > >= < <= ~");
  skip_spaces(s, at);
  if (at >= s.size() || s[at] != '\'')
    return bad_filter("the value for '" + p.field + "' must be in single quotes, e.g. " + p.field + "='value'");
  ++at;
  for (;;) {
    if (at >= s.size()) return bad_filter("the value for '" + p.field + "' has no closing quote");
    if (s[at] == '\'') {
      if (at + 1 < s.size() && s[at + 1] == '\'') {
        p.value += '\'';
        at += 2;
        continue;
      }
      ++at;
      break;
    }
    p.value += s[at++];
  }
  return p;
}

// ---- evaluation

void collect(const boost::json::value& v, std::span<const std::string_view> path, std::vector<const boost::json::value*>& out) {
  if (const auto* a = v.if_array()) {
    for (const auto& e : *a) collect(e, path, out);
    return;
  }
  if (path.empty()) {
    out.push_back(&v);
    return;
  }
  if (const auto* o = v.if_object())
    if (const auto* child = o->if_contains(path.front())) collect(*child, path.subspan(1), out);
}

std::vector<std::string_view> split_path(std::string_view field) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = field.find('.', start)) != std::string_view::npos; start = dot + 1)
    parts.push_back(field.substr(start, dot - start));
  parts.push_back(field.substr(start));
  return parts;
}

bool contains_folded(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + j])) ==
                                    std::tolower(static_cast<unsigned char>(needle[j])))
      ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

template <class T>
bool ordered(const T& a, const T& b, Comparison op) {
  switch (op) {
    case Comparison::equal: return a == b;
    case Comparison::not_equal: return a != b;
    case Comparison::greater: return a > b;
    case Comparison::greater_or_equal: return a >= b;
    case Comparison::less: return a < b;
    case Comparison::less_or_equal: return a <= b;
    case Comparison::contains: return false;
  }
  return false;
}

std::optional<double> as_number(std::string_view text) {
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return d;
}

// One value against the predicate's operator (not_equal is handled by the caller as "not =").
bool compare(const boost::json::value& v, Comparison op, std::string_view wanted) {
  if (const auto* s = v.if_string()) {
    const std::string_view have = *s;
    if (op == Comparison::contains) return contains_folded(have, wanted);
    const auto a = parse_datetime(have), b = parse_datetime(wanted);
    if (a && b) return ordered(*a, *b, op);
    return ordered(have, wanted, op);
  }
  if (v.is_number()) {
    const auto w = as_number(wanted);
    if (!w || op == Comparison::contains) return false;
    const double have = v.is_double() ? v.get_double() : v.is_int64() ? static_cast<double>(v.get_int64())
                                                                         : static_cast<double>(v.get_uint64());
    return ordered(have, *w, op);
  }
  if (const auto* b = v.if_bool()) {
    if (op != Comparison::equal || (wanted != "true" && wanted != "false")) return false;
    return *b == (wanted == "true");
  }
  return false;
}

bool holds(const boost::json::object& record, const Predicate& p) {
  const auto parts = split_path(p.field);
  std::vector<const boost::json::value*> values;
  if (const auto* first = record.if_contains(parts.front()))
    collect(*first, std::span<const std::string_view>(parts).subspan(1), values);
  const Comparison op = p.op == Comparison::not_equal ? Comparison::equal : p.op;
  bool any = false;
  for (const auto* v : values)
    if (compare(*v, op, p.value)) {
      any = true;
      break;
    }
  return p.op == Comparison::not_equal ? !any : any;
}

std::string_view op_text(Comparison op) {
  switch (op) {
    case Comparison::equal: return "=";
    case Comparison::not_equal: return "!=";
    case Comparison::greater: return ">";
    case Comparison::greater_or_equal: return ">=";
    case Comparison::less: return "<";
    case Comparison::less_or_equal: return "<=";
    case Comparison::contains: return "~";
  }
  return "=";
}

}  // namespace

classbook::Result<Filter> parse_filter(std::string_view s) {
  if (s.size() > max_filter_bytes)
    return bad_filter("longer than " + std::to_string(max_filter_bytes) + " characters");
  Filter f;
  std::optional<Logic> logic;
  std::size_t at = 0;
  skip_spaces(s, at);
  for (;;) {
    auto p = read_predicate(s, at);
    if (!p) return p.error();
    f.predicates.push_back(std::move(*p));
    if (f.predicates.size() > max_filter_predicates)
      return bad_filter("more than " + std::to_string(max_filter_predicates) + " predicates");
    const std::size_t before = at;
    skip_spaces(s, at);
    if (at == s.size()) break;
    Logic next;
    if (at > before && s.substr(at, 4) == "AND ") next = Logic::and_, at += 4;
    else if (at > before && s.substr(at, 3) == "OR ") next = Logic::or_, at += 3;
    else
      return bad_filter("expected ' AND ' or ' OR ' (upper case, with spaces) at position " + std::to_string(at + 1));
    if (logic && *logic != next) return bad_filter("use either AND or OR in one filter, not both");
    logic = next;
    skip_spaces(s, at);
  }
  f.logic = logic.value_or(Logic::and_);
  return f;
}

std::string to_string(const Filter& f) {
  std::string out;
  for (std::size_t i = 0; i < f.predicates.size(); ++i) {
    if (i) out += f.logic == Logic::and_ ? " AND " : " OR ";
    const auto& p = f.predicates[i];
    out += p.field;
    out += op_text(p.op);
    out += '\'';
    for (char c : p.value) out += c == '\'' ? std::string("''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

bool matches(const boost::json::object& record, const Filter& f) {
  for (const auto& p : f.predicates) {
    const bool h = holds(record, p);
    if (f.logic == Logic::and_ && !h) return false;
    if (f.logic == Logic::or_ && h) return true;
  }
  return f.logic == Logic::and_ || f.predicates.empty();
}

std::string delta_filter(std::string_view since_text) {
  return to_string(Filter{{Predicate{"dateLastModified", Comparison::greater, std::string(since_text)}}, Logic::and_});
}

bool modified_after(const boost::json::object& record, const Instant& since) {
  const auto* v = record.if_contains("dateLastModified");
  const auto* s = v ? v->if_string() : nullptr;
  const auto t = s ? parse_datetime(*s) : std::nullopt;
  return t && *t > since;
}

}  // namespace classbook::oneroster
