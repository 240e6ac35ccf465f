// live_feed: one lock around the buffer and the streams, so that what a stream is sent — a replay,
// then new events, then heartbeats — is queued in the order the events were numbered.
#include "app/live_feed.hpp"

#include <algorithm>
#include <charconv>

#include "app/community_common.hpp"
#include "app/context.hpp"
#include "classbook/common/sse.hpp"
#include "store/reader_pool.hpp"
#include "store/writer.hpp"

namespace classbook::app {

std::string new_live_epoch() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ms = static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  char text[24];
  const auto end = std::to_chars(text, text + sizeof text, ms, 36).ptr;
  return std::string(text, end);
}

void feed_from_writer(Context& ctx, LiveFeed* feed) {
  if (!feed) return ctx.writer.on_changes(nullptr);
  ctx.writer.on_changes([feed](std::vector<Change> changes) { feed->publish(std::move(changes)); });
}

Result<LiveReader> live_reader(Context& ctx, Id user_id, const domain::Actor& actor) {
  auto db = ctx.readers.acquire();
  auto classes = community::scope_of(*db, actor);
  if (!classes) return classes.error();
  return LiveReader{user_id, actor, std::move(*classes)};
}

LiveFeed::LiveFeed(std::string epoch) : epoch_(std::move(epoch)) {}

LiveFeed::~LiveFeed() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
}

std::string LiveFeed::id_of(std::uint64_t seq) const { return epoch_ + "-" + std::to_string(seq); }

std::string LiveFeed::last_event_id() const {
  std::lock_guard lock(mutex_);
  return id_of(seq_);
}

void LiveFeed::send_locked(Stream& s, std::shared_ptr<const std::string> frame) { (void)s.sink->send(std::move(frame)); }

void LiveFeed::publish(std::vector<Change> changes) {
  std::lock_guard lock(mutex_);
  for (auto& c : changes) {
    const auto seq = ++seq_;
    auto frame = std::make_shared<const std::string>(sse::event(id_of(seq), c.kind, c.data.empty() ? "{}" : c.data));
    ++counts_.events;
    for (auto& s : streams_)
      if (may_hear(s->reader, c)) {
        send_locked(*s, frame);
        ++counts_.delivered;
      }
    buffer_.push_back(Event{seq, std::move(c), std::move(frame)});
    if (buffer_.size() > live_buffer_events) buffer_.pop_front();
  }
}

bool LiveFeed::full_for(Id user_id) const {
  std::lock_guard lock(mutex_);
  const auto n = std::count_if(streams_.begin(), streams_.end(),
                               [&](const auto& s) { return s->reader.user_id == user_id && !s->sink->ended(); });
  return static_cast<std::size_t>(n) >= live_streams_per_user;
}

void LiveFeed::attach(LiveReader reader, std::string_view last_event_id, std::shared_ptr<LiveSink> sink, LiveRecheck recheck) {
  auto stream = std::make_shared<Stream>(Stream{std::move(reader), std::move(sink), std::move(recheck)});
  std::lock_guard lock(mutex_);
  std::erase_if(streams_, [](const auto& s) { return s->sink->ended(); });
  send_locked(*stream, std::make_shared<const std::string>(sse::retry(live_retry)));
  const auto ready = [&](std::string_view name, std::string_view data) {
    send_locked(*stream, std::make_shared<const std::string>(sse::event(id_of(seq_), name, data)));
  };
  if (last_event_id.empty()) {
    ready("ready", "{}");
  } else {
    // "<epoch>-<seq>": events after seq are resent when all of them are still kept, and the
    // browser is told to reload what it shows when not (or when the id is from an earlier run).
    const auto dash = last_event_id.rfind('-');
    std::uint64_t seen = 0;
    bool known = dash != std::string_view::npos && last_event_id.substr(0, dash) == epoch_;
    if (known) {
      const auto digits = last_event_id.substr(dash + 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seen);
      known = ec == std::errc() && end == digits.data() + digits.size() && seen <= seq_;
    }
    const std::uint64_t oldest_kept = buffer_.empty() ? seq_ + 1 : buffer_.front().seq;
    if (!known || seen + 1 < oldest_kept) {
      ++counts_.reloads;
      ready("reload", R"({"reason":"missed"})");
    } else {
      ++counts_.resumed;
      for (const auto& e : buffer_)
        if (e.seq > seen && may_hear(stream->reader, e.change)) {
          send_locked(*stream, e.frame);
          ++counts_.delivered;
        }
      ready("ready", "{}");
    }
  }
  stream->slot = next_slot_++;
  by_part_[stream->slot % live_heartbeat_parts].push_back(stream);
  streams_.push_back(std::move(stream));
}

void LiveFeed::tick(bool recheck_now, std::size_t part, std::size_t parts) {
  std::vector<std::shared_ptr<Stream>> held;
  {
    std::lock_guard lock(mutex_);
    const auto ended = [](const auto& s) { return s->sink->ended(); };
    auto beat = std::make_shared<const std::string>(sse::event(id_of(seq_), "heartbeat", "{}"));
    auto beat_one = [&](const std::shared_ptr<Stream>& s) {
      send_locked(*s, beat);
      if (recheck_now) held.push_back(s);
    };
    if (parts == live_heartbeat_parts) {  // the feed's own steps: only this part's streams
      auto& mine = by_part_[part];
      std::erase_if(mine, ended);
      for (auto& s : mine) beat_one(s);
      if (part == 0) std::erase_if(streams_, ended);  // the whole list swept once a heartbeat period
    } else {
      std::erase_if(streams_, ended);
      for (auto& b : by_part_) std::erase_if(b, ended);
      for (auto& s : streams_)
        if (parts <= 1 || s->slot % parts == part) beat_one(s);
    }
  }
  // Outside the lock: each recheck reads the database.
  for (auto& s : held) {
    if (s->sink->ended() || !s->recheck) continue;
    auto again = s->recheck();
    std::lock_guard lock(mutex_);
    if (again) {
      s->reader = std::move(*again);
    } else if (again.error().code == Errc::unauthenticated) {
      // Signed out, revoked, expired or disabled: the page is told, and the stream ends.
      send_locked(*s, std::make_shared<const std::string>(
                          sse::event(id_of(seq_), "signed_out", R"({"code":")" + std::string(again.error().id.c_str()) + R"("})")));
      s->sink->close();
    }
  }
}

void LiveFeed::start() {
  heartbeat_ = std::thread([this] { heartbeat_loop(); });
}

void LiveFeed::heartbeat_loop() {
  constexpr auto step = std::chrono::duration_cast<std::chrono::milliseconds>(live_heartbeat) / live_heartbeat_parts;
  static_assert(step.count() > 0 && step * live_heartbeat_parts == live_heartbeat, "the parts divide the period");
  constexpr auto beats_per_recheck = live_recheck / live_heartbeat;
  std::uint64_t round = 0;  // steps taken: part round % parts, and round / parts beats of each stream
  std::unique_lock lock(mutex_);
  while (!stop_cv_.wait_for(lock, step, [this] { return stopping_; })) {
    lock.unlock();
    const auto beat = round / live_heartbeat_parts;
    tick((beat + 1) % beats_per_recheck == 0, round % live_heartbeat_parts, live_heartbeat_parts);
    ++round;
    lock.lock();
  }
}

LiveStats LiveFeed::stats() const {
  std::lock_guard lock(mutex_);
  auto s = counts_;
  s.streams = static_cast<std::size_t>(std::count_if(streams_.begin(), streams_.end(), [](const auto& x) { return !x->sink->ended(); }));
  return s;
}

}  // namespace classbook::app
