// batch: see the header. The items are already JSON text: the body is joined, never re-serialised.
#include "sync/batch.hpp"

#include <boost/json.hpp>

namespace classbook::sync {
namespace json = boost::json;

bool Batch::fits(const BatchItem& item) const {
  if (items_.size() >= limits_.items) return false;
  return bytes_ + item.json.size() + 1 + batch_envelope_bytes <= limits_.bytes;
}

void Batch::add(BatchItem item) {
  cover(item.seq);
  bytes_ += item.json.size() + 1;
  items_.push_back(std::move(item.json));
}

void Batch::cover(std::int64_t seq) {
  if (first_ == 0) first_ = seq;
  last_ = seq;
}

std::string Batch::idempotency_key(const std::string& box) const {
  return box + ":" + std::to_string(first_) + "-" + std::to_string(last_);
}

std::int64_t snapshot_seq(std::int64_t outbox_through, std::int64_t index) {
  return -(outbox_through + 1) * (std::int64_t{1} << 32) + index;
}

std::string Batch::body(const BatchMeta& meta) const {
  json::object head{{"box", meta.box}, {"school", meta.school},
                    {"batch", {{"first_seq", first_}, {"last_seq", last_}, {"count", items_.size()}}},
                    {"chain_head", {{"seq", meta.chain_head.seq}, {"hash", meta.chain_head.hash}, {"at", meta.chain_head.at}}}};
  if (meta.key_pem) head["key"] = *meta.key_pem;
  if (meta.snapshot) {
    head["snapshot"] = true;
    head["outbox_through"] = meta.outbox_through;
    head["final"] = meta.final;
  }
  std::string out = json::serialize(head);
  out.pop_back();  // the closing brace: the items follow
  out.reserve(out.size() + bytes_ + 16);
  out += ",\"items\":[";
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (i) out += ',';
    out += items_[i];
  }
  out += "]}";
  return out;
}

void Batch::clear() {
  items_.clear();
  bytes_ = 0;
  first_ = last_ = 0;
}

}  // namespace classbook::sync
