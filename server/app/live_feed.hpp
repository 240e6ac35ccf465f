// live_feed: the live updates behind GET /api/v1/stream. The writer hands over each durable batch's
// changes; the feed numbers them, keeps the last live_buffer_events for streams that reconnect, and
// sends each to every open stream whose reader may hear of it (live_rules). No thread per stream:
// frames are queued on the streams' own connections, and one heartbeat thread keeps them all.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/live_rules.hpp"
#include "classbook/common/result.hpp"

namespace classbook::app {

constexpr std::size_t live_buffer_events = 4096;  // kept for resuming; older ones make a stream reload
constexpr std::size_t live_streams_per_user = 5;  // a family's tabs and phones; more is a runaway page
constexpr auto live_heartbeat = std::chrono::seconds(20);
// Each stream's heartbeat and recheck come once a period, but the streams are split into this many
// parts, one part a step (20 ms): 2,000 streams beaten at once held every answer behind 2,000 TLS
// writes for a moment (diary p99 at 3,000/s went from ~1 to ~10 ms in that run), 100 at once still
// moved a tap's p99 at 200/s from 0.6 to 1.0 ms, and 20 every 200 ms from 0.57 to 0.70 ms.
constexpr std::size_t live_heartbeat_parts = 1000;
constexpr auto live_recheck = std::chrono::seconds(60);  // a stream's session and rights are read again
constexpr auto live_retry = std::chrono::seconds(3);     // how long a browser waits before it reconnects

// One open stream as the feed holds it. Thread-safe; send() never blocks.
class LiveSink {
 public:
  virtual ~LiveSink() = default;
  virtual bool send(std::shared_ptr<const std::string> frame) = 0;  // false once the stream has ended
  virtual void close() = 0;
  virtual bool ended() const = 0;
};

// Reads a stream holder's session and rights again; unauthenticated when the session has ended.
using LiveRecheck = std::function<Result<LiveReader>()>;

struct LiveStats {
  std::size_t streams = 0;
  std::uint64_t events = 0;     // changes published since start
  std::uint64_t delivered = 0;  // frames of changes queued to streams
  std::uint64_t resumed = 0;    // streams that came back with a Last-Event-ID the buffer still held
  std::uint64_t reloads = 0;    // streams told to reload: their last event was gone or from another run
};

class LiveFeed {
 public:
  // `epoch` tells this run's event ids from an earlier run's (a restart numbers from 1 again).
  explicit LiveFeed(std::string epoch);
  ~LiveFeed();
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  // The writer's listener: numbers the changes, keeps them and sends each to whoever may hear of it.
  void publish(std::vector<Change> changes);
  // Whether the user already holds live_streams_per_user streams.
  bool full_for(Id user_id) const;
  // Opens a stream for `reader`. `last_event_id` is what the browser saw last ("" for a new page):
  // the events after it that the reader may hear are sent first, or `reload` when they are no longer
  // all kept, then everything new. The first frame sets the browser's reconnection delay.
  void attach(LiveReader reader, std::string_view last_event_id, std::shared_ptr<LiveSink> sink, LiveRecheck recheck);
  // One heartbeat: every stream of part `part` of `parts` gets the newest event id (so a quiet page
  // resumes from now), with `recheck_now` its holder's session and rights are read again, and ended
  // streams are let go. The feed's own thread calls it for one part of live_heartbeat_parts every
  // live_heartbeat ÷ live_heartbeat_parts once start() has run; tests call it directly.
  void tick(bool recheck_now, std::size_t part = 0, std::size_t parts = 1);
  void start();
  LiveStats stats() const;
  std::string last_event_id() const;

 private:
  struct Event {
    std::uint64_t seq;
    Change change;
    std::shared_ptr<const std::string> frame;
  };
  struct Stream {
    LiveReader reader;
    std::shared_ptr<LiveSink> sink;
    LiveRecheck recheck;
    std::size_t slot = 0;  // the heartbeat part is slot % parts: streams in the order they came
  };
  std::string id_of(std::uint64_t seq) const;
  void send_locked(Stream& s, std::shared_ptr<const std::string> frame);
  void heartbeat_loop();

  const std::string epoch_;
  mutable std::mutex mutex_;
  std::deque<Event> buffer_;
  std::uint64_t seq_ = 0;
  std::vector<std::shared_ptr<Stream>> streams_;
  // The same streams by heartbeat part (slot % live_heartbeat_parts): a step touches its own few
  // streams, not all of them — 2,000 streams walked every 20 ms took the network threads' CPU in
  // bursts that showed in every answer's p99.
  std::vector<std::vector<std::shared_ptr<Stream>>> by_part_ = std::vector<std::vector<std::shared_ptr<Stream>>>(live_heartbeat_parts);
  LiveStats counts_;
  std::condition_variable stop_cv_;
  std::size_t next_slot_ = 0;
  bool stopping_ = false;
  std::thread heartbeat_;
};

// Hands every durable batch's changes to `feed`; nullptr stops it (before the feed is destroyed).
struct Context;
void feed_from_writer(Context& ctx, LiveFeed* feed);
// The reader behind a stream: the session's user and rights, and the classes it is linked to.
Result<LiveReader> live_reader(Context& ctx, Id user_id, const domain::Actor& actor);

// An epoch for a new run: the start time in hex, short and different after every restart.
std::string new_live_epoch();

}  // namespace classbook::app
