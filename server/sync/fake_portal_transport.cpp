// fake_portal_transport: the portal's side of docs/sync-protocol.md, in memory, one request at a time.
#include "sync/fake_portal_transport.hpp"

#include <boost/json.hpp>

#include "classbook/common/crypto.hpp"
#include "sync/portal_paths.hpp"
#include "sync/sync_key.hpp"
#include "sync/token_source.hpp"

namespace classbook::sync {
namespace json = boost::json;
namespace {

PortalResponse answer(int status, const json::value& body) {
  return PortalResponse{status, {{"Content-Type", "application/json"}}, json::serialize(body)};
}

Error cut() {
  return make_error(Errc::unavailable, "sync.portal_unreachable", "the connection to the portal was cut (fake)");
}

std::int64_t query_number(const std::string& target, const std::string& name, std::int64_t fallback) {
  const auto at = target.find(name + "=");
  if (at == std::string::npos) return fallback;
  return std::atoll(target.c_str() + at + name.size() + 1);
}

}  // namespace

FakePortalTransport::FakePortalTransport(const Clock& clock, std::string client_id, std::string client_secret)
    : clock_(clock), client_id_(std::move(client_id)), client_secret_(std::move(client_secret)) {}

void FakePortalTransport::add_fault(FakeFault f) { faults_.push_back(std::move(f)); }
void FakePortalTransport::refuse_seq(std::int64_t seq, std::string reason) { refuse_[seq] = std::move(reason); }

std::optional<std::string> FakePortalTransport::object(const std::string& sourced_id) const {
  auto it = objects_.find(sourced_id);  // "kind/sourcedId"
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

Result<PortalResponse> FakePortalTransport::send(const PortalRequest& request) {
  std::optional<FakeFault> fault;
  for (auto it = faults_.begin(); it != faults_.end(); ++it)
    if (request.target.find(it->path_contains) != std::string::npos) {
      if (it->pass_first > 0) {
        --it->pass_first;
        break;
      }
      fault = *it;
      faults_.erase(it);
      break;
    }
  if (request.target.find("/batches") != std::string::npos)
    for (const auto& [k, v] : request.headers)
      if (k == "Idempotency-Key") attempts_.push_back(v);
  using K = FakeFault::Kind;
  if (fault && fault->kind == K::cut_after_bytes && fault->bytes < request.body.size()) return cut();
  if (fault && fault->kind == K::status) {
    PortalResponse r{fault->status, {}, R"({"imsx_codeMajor":"failure","imsx_description":"scripted"})"};
    if (!fault->retry_after.empty()) r.headers.emplace_back("Retry-After", fault->retry_after);
    return r;
  }
  if (fault && fault->kind == K::unauthorized) return PortalResponse{401, {}, R"({"error":"invalid_token"})"};
  if (fault && fault->kind == K::replay_previous && previous_) return *previous_;
  PortalResponse r = handle(request);
  previous_ = r;
  if (fault && fault->kind == K::cut_after_bytes) return cut();  // the portal has it; the answer is lost
  if (fault && fault->kind == K::truncated_body) r.body.resize(r.body.size() / 2);
  if (fault && fault->kind == K::answer_body) r = PortalResponse{fault->status, {{"Content-Type", "application/json"}}, fault->body};
  return r;
}

PortalResponse FakePortalTransport::handle(const PortalRequest& r) {
  if (r.method == "POST" && r.target == default_token_path) return token(r);
  if (!authorised(r)) return answer(401, {{"error", "invalid_token"}});
  if (r.method == "POST" && r.target == batches_path) return batch(r);
  if (r.method == "GET" && r.target == cursor_path) return answer(200, {{"acknowledged_through", acknowledged_}});
  if (r.method == "GET" && r.target.starts_with(anchors_path)) return anchors(r);
  return answer(404, {{"imsx_codeMajor", "failure"}, {"imsx_description", "no such endpoint"}});
}

PortalResponse FakePortalTransport::token(const PortalRequest& r) {
  ++token_requests_;
  bool ok = false;
  for (const auto& [k, v] : r.headers)
    if (k == "Authorization" && v == basic_authorization(client_id_, client_secret_)) ok = true;
  if (!ok || r.body.find("grant_type=client_credentials") == std::string::npos)
    return answer(401, {{"error", "invalid_client"}});
  const std::string t = "token-" + std::to_string(++token_counter_);
  tokens_[t] = clock_.now() + std::chrono::seconds(token_lifetime_);
  return answer(200, {{"access_token", t}, {"token_type", "bearer"}, {"expires_in", token_lifetime_}});
}

bool FakePortalTransport::authorised(const PortalRequest& r) const {
  for (const auto& [k, v] : r.headers)
    if (k == "Authorization" && v.starts_with("Bearer ")) {
      auto it = tokens_.find(v.substr(7));
      return it != tokens_.end() && clock_.now() < it->second;
    }
  return false;
}

namespace {
// docs/sync-protocol.md § Journal out: the kinds a portal takes.
bool known_kind(std::string_view kind) {
  for (std::string_view k : {"category", "lineItem", "result", "termGrade", "attendance", "lesson", "homework", "tap",
                             "absenceNotice", "acknowledgement", "link"})
    if (k == kind) return true;
  return false;
}
}  // namespace

PortalResponse FakePortalTransport::batch(const PortalRequest& r) {
  ++batch_requests_;
  const auto key = r.headers.end() != std::find_if(r.headers.begin(), r.headers.end(), [](auto& h) { return h.first == "Idempotency-Key"; })
                       ? std::find_if(r.headers.begin(), r.headers.end(), [](auto& h) { return h.first == "Idempotency-Key"; })->second
                       : std::string();
  keys_seen_.push_back(key);
  if (auto it = answered_.find(key); it != answered_.end()) return it->second;
  boost::system::error_code ec;
  auto v = json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("batch") || !v.as_object().contains("items"))
    return answer(400, {{"imsx_codeMajor", "failure"}, {"imsx_description", "the batch cannot be read"}});
  auto& o = v.as_object();
  if (o.contains("key")) {
    if (pinned_key_.empty()) pinned_key_ = json::value_to<std::string>(o.at("key"));
  }
  if (pinned_key_.empty()) return answer(403, {{"imsx_codeMajor", "failure"}, {"imsx_description", "no key pinned; send it"}});
  std::string sig;
  for (const auto& [k, h] : r.headers)
    if (k == "Classbook-Signature") sig = h;
  if (!verify_signature_header(pinned_key_, r.body, sig))
    return answer(403, {{"imsx_codeMajor", "failure"}, {"imsx_description", "signature"}});
  max_body_ = std::max(max_body_, r.body.size());
  const auto& b = o.at("batch").as_object();
  const auto first = b.at("first_seq").to_number<std::int64_t>();
  const auto last = b.at("last_seq").to_number<std::int64_t>();
  const bool snapshot = o.contains("snapshot") && o.at("snapshot").as_bool();
  // As docs/portal.md: a gap is 409, an overlap is fine (what it already has counts as duplicates).
  if (!snapshot && first > acknowledged_ + 1) return answer(409, {{"expected_first_seq", acknowledged_ + 1}});
  const auto had = acknowledged_;
  const auto& items = o.at("items").as_array();
  max_items_ = std::max(max_items_, items.size());
  std::int64_t applied = 0, duplicates = 0;
  json::array refused;
  for (const auto& item : items) {
    const auto& i = item.as_object();
    const auto seq = i.at("seq").to_number<std::int64_t>();
    if (!snapshot && seq <= had) {
      ++duplicates;
      continue;
    }
    if (!snapshot)
      if (auto it = refuse_.find(seq); it != refuse_.end()) {
        refused.push_back({{"seq", seq}, {"reason", it->second}});
        continue;
      }
    const auto id = json::value_to<std::string>(i.at("sourcedId"));
    const auto kind = json::value_to<std::string>(i.at("kind"));
    if (!known_kind(kind)) {  // as the reference portal: a kind outside the contract is refused alone
      refused.push_back({{"seq", seq}, {"reason", "item.unknown_kind: '" + kind + "' is not a kind this portal takes"}});
      continue;
    }
    const auto text = json::serialize(i);
    const auto slot = kind + "/" + id;  // a lesson and its content (homework) share the lesson's id
    if (objects_[slot] == text) ++duplicates;
    else ++applied;
    if (!kind_of_.contains(slot)) ++by_kind_[kind];
    kind_of_[slot] = kind;
    objects_[slot] = text;
    if (snapshot) ++snapshot_items_;
  }
  applied_total_ += applied;
  if (o.contains("chain_head")) {
    const auto& h = o.at("chain_head").as_object();
    anchors_.push_back({h.at("seq").to_number<std::int64_t>(), json::value_to<std::string>(h.at("hash")),
                        json::value_to<std::string>(h.at("at"))});
  }
  if (!snapshot) acknowledged_ = std::max(acknowledged_, last);
  else if (o.contains("final") && o.at("final").as_bool()) acknowledged_ = std::max(acknowledged_, o.at("outbox_through").to_number<std::int64_t>());
  auto res = answer(200, {{"acknowledged_through", acknowledged_}, {"applied", applied},
                          {"duplicates", duplicates}, {"refused", refused}});
  answered_[key] = res;
  return res;
}

PortalResponse FakePortalTransport::anchors(const PortalRequest& r) const {
  const auto limit = query_number(r.target, "limit", 100);
  const auto offset = query_number(r.target, "offset", 0);
  json::array out;
  for (auto i = offset; i < static_cast<std::int64_t>(anchors_.size()) && i < offset + limit; ++i) {
    const auto& a = anchors_[static_cast<std::size_t>(i)];
    out.push_back({{"seq", a.seq}, {"hash", a.hash}, {"at", a.at}});
  }
  return answer(200, {{"anchors", out}});
}

}  // namespace classbook::sync
