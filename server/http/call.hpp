// call: one API request in flight, and the one way to answer it — internal to http/.
#pragma once

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/api.hpp"
#include "http/json_in.hpp"
#include "http/json_out.hpp"
#include "http/router.hpp"

namespace classbook::http {
namespace json = boost::json;
namespace bh = boost::beast::http;
using bh::status;
using bh::verb;

inline status status_of(Errc c) {
  switch (c) {
    case Errc::invalid_input: return status::bad_request;
    case Errc::unauthenticated: return status::unauthorized;
    case Errc::forbidden: return status::forbidden;
    case Errc::not_found: return status::not_found;
    case Errc::conflict: return status::conflict;
    case Errc::throttled: return status::too_many_requests;
    case Errc::unavailable: return status::service_unavailable;
    case Errc::internal: return status::internal_server_error;
  }
  return status::internal_server_error;
}

// The kind of an error as the API names it: the "kind" beside the stable "code" of an error body.
inline const char* kind_of(Errc c) {
  switch (c) {
    case Errc::invalid_input: return "invalid_input";
    case Errc::unauthenticated: return "unauthenticated";
    case Errc::forbidden: return "forbidden";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::throttled: return "throttled";
    case Errc::unavailable: return "unavailable";
    case Errc::internal: return "internal";
  }
  return "internal";
}

inline Response make_response(status s, unsigned version, std::string body, const char* type = "application/json") {
  Response res{s, version};
  res.set(bh::field::server, "classbook");
  res.set(bh::field::content_type, type);
  res.set(bh::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set(bh::field::strict_transport_security, "max-age=31536000");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

inline std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    auto part = header.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}


// One request in flight: what the route needs, and the one way to answer.
struct Api::Call {
  Metrics& metrics;
  Request req;
  Peer peer;
  Respond respond_fn;
  std::vector<std::string> path;  // decoded segments
  std::map<std::string, std::string> query;
  const CompiledRoute* route = nullptr;         // the row matched
  std::optional<app::Session> session;          // Caller::signed_in rows
  std::optional<app::KioskIdentity> kiosk;      // Caller::kiosk and kiosk_or_key rows
  std::optional<app::ApiClient> api_client;     // Caller::api_client rows: the client and its token's scopes

  void reply(Response res) {
    metrics.count_response(static_cast<int>(res.result_int()));
    respond_fn(std::move(res));
  }
  // Answers with an event stream's head and hands its outlet to `opened` (http/routes_live.cpp).
  void stream(Response head, OnStream opened) {
    metrics.count_response(static_cast<int>(head.result_int()));
    respond_fn.stream(std::move(head), std::move(opened));
  }
  void json_reply(status s, const json::value& v) { reply(make_response(s, req.version(), json::serialize(v))); }
  void fail(const Error& e) { fail(e, json::object{}); }
  // The error with `details` beside its code and message (e.g. what a conflict is about).
  void fail(const Error& e, json::object details) {
    json::object err{{"code", e.id.c_str()}, {"kind", kind_of(e.code)}, {"message", e.message}};
    if (!e.field.empty() && e.code != Errc::throttled) err["field"] = e.field;
    for (auto& [k, v] : details) err[k] = std::move(v);
    auto res = make_response(status_of(e.code), req.version(), json::serialize(json::object{{"error", std::move(err)}}));
    if (e.code == Errc::throttled) res.set(bh::field::retry_after, e.field);
    if (e.code == Errc::unauthenticated) res.set(bh::field::www_authenticate, "Cookie");
    reply(std::move(res));
  }
  void fail(Errc c, ErrorCode id, std::string msg) { fail(make_error(c, id, std::move(msg))); }
  // A path parameter of the matched row, by the name in its pattern ("id" of /api/v1/marks/{id}).
  const std::string& param(std::string_view name) const {
    const auto i = route ? route->index_of(name) : std::string_view::npos;
    return i < path.size() ? path[i] : no_param();
  }
  static const std::string& no_param() {
    static const std::string empty;
    return empty;
  }
  // The JSON object body of a state change.
  Result<json::object> body() const {
    const auto type = req[bh::field::content_type];
    if (type.substr(0, 16) != "application/json")
      return make_error(Errc::invalid_input, "request.not_json", "send the body as JSON with Content-Type: application/json");
    return parse_object(req.body());
  }
  // Writes answer later; keep `this` alive until they do.
  template <class T, class F>
  app::Reply<T> then(std::shared_ptr<Call> self, F on_ok) {
    return [self, on_ok = std::move(on_ok)](Result<T> r) {
      if (!r) return self->fail(r.error());
      on_ok(*self, std::move(r.value()));
    };
  }
};


}  // namespace classbook::http
