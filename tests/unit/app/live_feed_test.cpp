// Tests of the live feed: who hears which change (the API's read rules per event), resuming from
// Last-Event-ID without loss or repeats, reload past the buffer or after a restart, heartbeats that
// carry the newest id, the per-user count, and a stream ended when its session has.
#include <algorithm>
#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

#include "app/live_feed.hpp"

using namespace classbook;
using namespace classbook::app;
using domain::Role;

namespace {

// A stream that keeps what it was sent.
struct RecordingSink : LiveSink {
  std::vector<std::string> frames;
  bool gone = false;
  bool send(std::shared_ptr<const std::string> f) override {
    if (gone) return false;
    frames.push_back(*f);
    return true;
  }
  void close() override { gone = true; }
  bool ended() const override { return gone; }
  // The event names sent, in order ("retry" for the reconnection delay).
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& f : frames) {
      if (f.rfind("retry:", 0) == 0) {
        out.push_back("retry");
        continue;
      }
      const auto at = f.find("\nevent: ");
      out.push_back(at == std::string::npos ? "?" : f.substr(at + 8, f.find('\n', at + 1) - at - 8));
    }
    return out;
  }
  std::string last_id() const {
    for (auto it = frames.rbegin(); it != frames.rend(); ++it)
      if (it->rfind("id: ", 0) == 0) return it->substr(4, it->find('\n') - 4);
    return {};
  }
};

LiveReader guardian_of(Id user, Id child, Id child_class) {
  LiveReader r;
  r.user_id = user;
  r.actor.user_id = user;
  r.actor.role = Role::guardian;
  r.actor.person_id = 100 + user;
  r.actor.children = {child};
  r.classes.class_ids = {child_class};
  return r;
}

LiveReader teacher_of(Id user, Id class_id, Id subject_id) {
  LiveReader r;
  r.user_id = user;
  r.actor.user_id = user;
  r.actor.role = Role::teacher;
  r.actor.person_id = 200 + user;
  r.actor.teaches = {{class_id, subject_id}};
  r.classes.class_ids = {class_id};
  return r;
}

LiveReader office(Id user, Role role) {
  LiveReader r;
  r.user_id = user;
  r.actor.user_id = user;
  r.actor.role = role;
  r.classes.all_classes = role == Role::secretary || role == Role::director;
  return r;
}

Change mark_of(Id student, Id class_id, std::string data = R"({"mark_id":"m"})") {
  return {"mark", ChangeScope::pupils, {student}, class_id, 0, {}, std::move(data)};
}

}  // namespace

TEST_CASE("a pupil's change is heard by those who may read the pupil, and by nobody else") {
  const auto change = mark_of(5, 1);
  CHECK(may_hear(guardian_of(1, 5, 1), change));
  CHECK_FALSE(may_hear(guardian_of(2, 6, 1), change));  // another family, same class
  CHECK(may_hear(teacher_of(3, 1, 9), change));         // teaches the class another subject: reads its pupils
  CHECK_FALSE(may_hear(teacher_of(4, 2, 9), change));   // teaches another class
  CHECK(may_hear(office(5, Role::director), change));
  CHECK_FALSE(may_hear(office(6, Role::secretary), change));  // the office keeps accounts, not marks
  CHECK_FALSE(may_hear(office(7, Role::admin), change));
}

TEST_CASE("a lesson's change is heard by the class's people, never by the office or another class") {
  const Change lesson{"lesson", ChangeScope::class_journal, {}, 1, 9, {}, "{}"};
  CHECK(may_hear(guardian_of(1, 5, 1), lesson));
  CHECK_FALSE(may_hear(guardian_of(2, 6, 2), lesson));
  CHECK(may_hear(teacher_of(3, 1, 9), lesson));
  CHECK(may_hear(teacher_of(3, 1, 4), lesson));  // another subject of the class: its pupils' diaries show it
  CHECK_FALSE(may_hear(teacher_of(4, 2, 9), lesson));
  CHECK(may_hear(office(5, Role::director), lesson));
  CHECK_FALSE(may_hear(office(6, Role::secretary), lesson));
  CHECK_FALSE(may_hear(office(7, Role::admin), lesson));
}

TEST_CASE("announcements are heard as they are read, messages only by the conversation's members") {
  const Change school{"announcement", ChangeScope::class_news, {}, 0, 0, {}, "{}"};
  const Change class2{"announcement", ChangeScope::class_news, {}, 2, 0, {}, "{}"};
  CHECK(may_hear(guardian_of(1, 5, 1), school));
  CHECK_FALSE(may_hear(guardian_of(1, 5, 1), class2));
  CHECK(may_hear(guardian_of(2, 6, 2), class2));
  CHECK(may_hear(office(6, Role::secretary), class2));
  const Change message{"message", ChangeScope::accounts, {}, 0, 0, {1, 3}, "{}"};
  CHECK(may_hear(guardian_of(1, 5, 1), message));
  CHECK(may_hear(teacher_of(3, 1, 9), message));
  CHECK_FALSE(may_hear(guardian_of(2, 5, 1), message));  // the same child's other guardian is not in it
  CHECK_FALSE(may_hear(office(5, Role::director), message));
}

TEST_CASE("a card at the desk reader is heard by the office only") {
  const Change desk{"desk_card", ChangeScope::office, {}, 0, 0, {}, R"({"card":"04A1B2C3"})"};
  CHECK(may_hear(office(6, Role::secretary), desk));
  CHECK_FALSE(may_hear(office(5, Role::director), desk));  // reads the history, gives no cards
  CHECK_FALSE(may_hear(office(7, Role::admin), desk));
  CHECK_FALSE(may_hear(teacher_of(3, 1, 9), desk));
  CHECK_FALSE(may_hear(guardian_of(1, 5, 1), desk));
}

TEST_CASE("a stream gets only what its reader may hear, each once, in order") {
  LiveFeed feed("e1");
  auto mine = std::make_shared<RecordingSink>();
  auto other = std::make_shared<RecordingSink>();
  feed.attach(guardian_of(1, 5, 1), "", mine, nullptr);
  feed.attach(guardian_of(2, 6, 1), "", other, nullptr);
  feed.publish({mark_of(5, 1, R"({"n":1})"), mark_of(6, 1, R"({"n":2})"), mark_of(5, 1, R"({"n":3})")});
  CHECK(mine->names() == std::vector<std::string>{"retry", "ready", "mark", "mark"});
  CHECK(mine->frames[2] == "id: e1-1\nevent: mark\ndata: {\"n\":1}\n\n");
  CHECK(mine->frames[3] == "id: e1-3\nevent: mark\ndata: {\"n\":3}\n\n");
  CHECK(other->names() == std::vector<std::string>{"retry", "ready", "mark"});
  CHECK(other->frames[2].find("\"n\":2") != std::string::npos);
  const auto s = feed.stats();
  CHECK(s.streams == 2);
  CHECK(s.events == 3);
  CHECK(s.delivered == 3);
}

TEST_CASE("a stream that comes back with its last id gets what it missed, without repeats") {
  LiveFeed feed("e1");
  auto first = std::make_shared<RecordingSink>();
  feed.attach(guardian_of(1, 5, 1), "", first, nullptr);
  feed.publish({mark_of(5, 1, R"({"n":1})")});
  const auto seen = first->last_id();
  CHECK(seen == "e1-1");
  first->close();  // the connection dropped
  feed.publish({mark_of(5, 1, R"({"n":2})"), mark_of(6, 1, R"({"n":3})"), mark_of(5, 1, R"({"n":4})")});

  auto again = std::make_shared<RecordingSink>();
  feed.attach(guardian_of(1, 5, 1), seen, again, nullptr);
  REQUIRE(again->names() == std::vector<std::string>{"retry", "mark", "mark", "ready"});
  CHECK(again->frames[1].find("\"n\":2") != std::string::npos);
  CHECK(again->frames[2].find("\"n\":4") != std::string::npos);
  CHECK(again->last_id() == "e1-4");  // "ready" carries the newest id, so the next resume starts there
  CHECK(feed.stats().resumed == 1);
  CHECK(feed.stats().streams == 1);  // the dropped one is let go
}

TEST_CASE("an id from another run, from the future, malformed or past the buffer makes the page reload") {
  LiveFeed feed("e2");
  feed.publish({mark_of(5, 1)});
  for (const char* id : {"e1-1", "e2-9", "e2-x", "nonsense", "e2-"}) {
    auto sink = std::make_shared<RecordingSink>();
    feed.attach(guardian_of(1, 5, 1), id, sink, nullptr);
    CHECK(sink->names() == std::vector<std::string>{"retry", "reload"});
    CHECK(sink->last_id() == "e2-1");
    sink->close();
  }
  // Once more events than the buffer holds have passed, the oldest ids cannot be resumed from.
  for (std::size_t i = 0; i < live_buffer_events; ++i) feed.publish({mark_of(6, 1)});
  auto late = std::make_shared<RecordingSink>();
  feed.attach(guardian_of(1, 5, 1), "e2-0", late, nullptr);
  CHECK(late->names() == std::vector<std::string>{"retry", "reload"});
  auto recent = std::make_shared<RecordingSink>();
  feed.attach(guardian_of(1, 5, 1), "e2-1", recent, nullptr);  // e2-2 … are all still kept
  CHECK(recent->names() == std::vector<std::string>{"retry", "ready"});
}

TEST_CASE("heartbeats carry the newest id, and ended streams are let go") {
  LiveFeed feed("e3");
  auto quiet = std::make_shared<RecordingSink>();
  auto gone = std::make_shared<RecordingSink>();
  feed.attach(guardian_of(1, 5, 1), "", quiet, nullptr);
  feed.attach(guardian_of(2, 6, 2), "", gone, nullptr);
  feed.publish({mark_of(6, 2), mark_of(6, 2)});  // nothing for `quiet`
  gone->close();
  feed.tick(false);
  CHECK(quiet->names().back() == "heartbeat");
  CHECK(quiet->last_id() == "e3-2");  // resuming from here skips nothing it may hear
  CHECK(feed.stats().streams == 1);
}

TEST_CASE("heartbeats and rechecks go to one part of the streams a step, each stream once a round") {
  LiveFeed feed("e6");
  std::vector<std::shared_ptr<RecordingSink>> sinks;
  int rechecks = 0;
  for (int i = 0; i < 7; ++i) {
    sinks.push_back(std::make_shared<RecordingSink>());
    feed.attach(guardian_of(i + 1, 5, 1), "", sinks.back(), [&rechecks, i]() -> Result<LiveReader> {
      ++rechecks;
      return guardian_of(i + 1, 5, 1);
    });
  }
  const auto beats = [&] {
    std::vector<long> n;
    for (auto& s : sinks) {
      const auto names = s->names();
      n.push_back(std::count(names.begin(), names.end(), std::string("heartbeat")));
    }
    return n;
  };
  feed.tick(true, 1, 3);  // streams 1 and 4 (the second and fifth to come)
  CHECK(beats() == std::vector<long>{0, 1, 0, 0, 1, 0, 0});
  CHECK(rechecks == 2);
  feed.tick(false, 0, 3);
  feed.tick(false, 2, 3);
  CHECK(beats() == std::vector<long>{1, 1, 1, 1, 1, 1, 1});  // a whole round: each stream once
  CHECK(rechecks == 2);
  feed.tick(false);  // one part of one: everyone
  CHECK(beats() == std::vector<long>{2, 2, 2, 2, 2, 2, 2});
  // The feed's own steps (live_heartbeat_parts parts) reach only their part's streams, and an ended
  // stream is let go at its part's step.
  feed.tick(false, 3, live_heartbeat_parts);
  CHECK(beats() == std::vector<long>{2, 2, 2, 3, 2, 2, 2});
  sinks[5]->close();
  feed.tick(true, 5, live_heartbeat_parts);
  CHECK(beats() == std::vector<long>{2, 2, 2, 3, 2, 2, 2});
  CHECK(rechecks == 2);  // the ended stream is not asked again
  feed.tick(false, 6, live_heartbeat_parts);
  CHECK(beats() == std::vector<long>{2, 2, 2, 3, 2, 2, 3});
  CHECK(feed.stats().streams == 6);
}

TEST_CASE("a user holds at most live_streams_per_user streams and ended ones do not count") {
  LiveFeed feed("e4");
  std::vector<std::shared_ptr<RecordingSink>> sinks;
  for (std::size_t i = 0; i < live_streams_per_user; ++i) {
    CHECK_FALSE(feed.full_for(1));
    sinks.push_back(std::make_shared<RecordingSink>());
    feed.attach(guardian_of(1, 5, 1), "", sinks.back(), nullptr);
  }
  CHECK(feed.full_for(1));
  CHECK_FALSE(feed.full_for(2));
  sinks.front()->close();
  CHECK_FALSE(feed.full_for(1));
}

TEST_CASE("a recheck applies new rights, and a session that ended ends its stream with signed_out") {
  LiveFeed feed("e5");
  auto sink = std::make_shared<RecordingSink>();
  bool signed_in = true;
  Id child = 5;
  feed.attach(guardian_of(1, 5, 1), "", sink, [&]() -> Result<LiveReader> {
    if (!signed_in) return make_error(Errc::unauthenticated, "session.ended", "your session has ended; sign in again");
    return guardian_of(1, child, 1);
  });
  child = 7;  // the office unlinked child 5 and linked child 7
  feed.tick(true);
  feed.publish({mark_of(5, 1), mark_of(7, 1)});
  CHECK(sink->frames.back().find("id: e5-2\n") == 0);
  CHECK(sink->names() == std::vector<std::string>{"retry", "ready", "heartbeat", "mark"});
  signed_in = false;
  feed.tick(true);
  CHECK(sink->ended());
  CHECK(sink->names().back() == "signed_out");
  CHECK(sink->frames.back().find("session.ended") != std::string::npos);
}
