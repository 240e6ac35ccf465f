// kiosk_fakes: in-memory stand-ins for the kiosk core's ports (spool, uplink, screen, reader LEDs),
// so the state machines run under a FakeClock with every reply in the test's hands.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "classbook/common/crypto.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk::test {

class FakeSpool final : public TapSpool {
 public:
  struct Row {
    SpooledTap tap;
    std::string state = "pending";  // pending | delivered | rejected
    std::string last_error;
  };
  std::vector<Row> rows;
  std::size_t limit = 100000;
  int fail_append_at = 0;  // the Nth append fails (1-based), 0 = never
  int appends = 0;

  Result<SpooledTap> append(const NewTap& tap) override {
    ++appends;
    if (fail_append_at == appends) return make_error(Errc::unavailable, "spool.failed", "disk I/O error (injected)");
    if (rows.size() >= limit) return make_error(Errc::unavailable, "spool.full", "the tap spool is full");
    SpooledTap t{next_seq_++, new_uuid(), tap, 0};
    rows.push_back({t});
    return t;
  }
  Result<std::optional<SpooledTap>> oldest_pending() override {
    for (auto& r : rows)
      if (r.state == "pending") return std::optional<SpooledTap>(r.tap);
    return std::optional<SpooledTap>();
  }
  Status mark_delivered(std::int64_t seq) override { return set(seq, "delivered", ""); }
  Status mark_rejected(std::int64_t seq, const std::string& why) override { return set(seq, "rejected", why); }
  Status note_failure(std::int64_t seq, const std::string& why) override {
    for (auto& r : rows)
      if (r.tap.seq == seq) {
        ++r.tap.attempts;
        r.last_error = why;
      }
    return ok_status();
  }
  std::int64_t depth() const override {
    std::int64_t n = 0;
    for (const auto& r : rows) n += r.state == "pending";
    return n;
  }
  const Row* find(std::int64_t seq) const {
    for (const auto& r : rows)
      if (r.tap.seq == seq) return &r;
    return nullptr;
  }

 private:
  Status set(std::int64_t seq, const char* state, const std::string& why) {
    for (auto& r : rows)
      if (r.tap.seq == seq) {
        r.state = state;
        r.last_error = why;
        return ok_status();
      }
    return make_error(Errc::not_found, "spool.failed", "no such row");
  }
  std::int64_t next_seq_ = 1;
};

// Requests wait in `pending` until the test answers them.
class FakeUplink final : public Uplink {
 public:
  struct Request {
    std::string kind;  // hello | tap | diary | extract
    std::optional<SpooledTap> tap;
    DiaryQuery diary;
    Done done;
  };
  std::deque<Request> pending;
  int hellos = 0, taps = 0, diaries = 0, extracts = 0;

  void hello(Done done) override {
    ++hellos;
    pending.push_back({"hello", std::nullopt, {}, std::move(done)});
  }
  void post_tap(const SpooledTap& tap, Done done) override {
    ++taps;
    pending.push_back({"tap", tap, {}, std::move(done)});
  }
  void hall_diary(const DiaryQuery& q, Done done) override {
    ++diaries;
    pending.push_back({"diary", std::nullopt, q, std::move(done)});
  }
  void hall_extract(const DiaryQuery& q, Done done) override {
    ++extracts;
    pending.push_back({"extract", std::nullopt, q, std::move(done)});
  }

  std::size_t count(const std::string& kind) const {
    std::size_t n = 0;
    for (const auto& r : pending) n += r.kind == kind;
    return n;
  }
  // Answers the oldest pending request of `kind`; false if there is none.
  bool answer(const std::string& kind, Reply reply) {
    for (auto it = pending.begin(); it != pending.end(); ++it)
      if (it->kind == kind) {
        auto done = std::move(it->done);
        pending.erase(it);
        done(std::move(reply));
        return true;
      }
    return false;
  }
  const Request* first(const std::string& kind) const {
    for (const auto& r : pending)
      if (r.kind == kind) return &r;
    return nullptr;
  }
};

class FakeScreen final : public Screen {
 public:
  std::vector<ScreenState> shown;
  void show(const ScreenState& s) override { shown.push_back(s); }
  const ScreenState& last() const { return shown.back(); }
};

class FakeFeedback final : public ReaderFeedback {
 public:
  std::vector<std::pair<std::string, drivers::Feedback>> given;
  void feedback(const std::string& reader, drivers::Feedback f) override { given.emplace_back(reader, f); }
  std::optional<drivers::Feedback> last() const {
    if (given.empty()) return std::nullopt;
    return given.back().second;
  }
};

// Replies as the box would send them.
inline Reply hello_ok(const std::string& school = "School 5", const std::string& offset = "+03:00") {
  return reply_from_http(200, R"({"kiosk":{"id":"k1","name":"Main entrance","mode":"entrance"},"school":")" + school +
                                  R"(","server_time":"2026-11-30T05:00:00.000Z","utc_offset":")" + offset + R"("})");
}
inline Reply tap_ok(const std::string& result, const std::string& at = "2026-11-30T05:12:00.000Z",
                    const std::string& name = "Anna Petrova", const std::string& cls = "5A", int status = 201) {
  return reply_from_http(status, R"({"result":")" + result + R"(","at":")" + at + R"(","student":{"name":")" + name +
                                     R"(","class":")" + cls + R"("}})");
}
// The week's extract: a PDF and the Classbook-Prints-Left header.
inline Reply extract_ok(int prints_left = 2, const std::string& pdf = "%PDF-1.7\n%extract of Anna Petrova\n") {
  auto r = reply_from_http(200, pdf);
  r.headers = {{"content-type", "application/pdf"}, {"classbook-prints-left", std::to_string(prints_left)}};
  return r;
}
inline Reply error_reply(int status, const std::string& code, const std::string& message,
                         const std::string& extra = "") {
  return reply_from_http(status, R"({"error":{"code":")" + code + R"(","message":")" + message + "\"" + extra + "}}");
}

}  // namespace classbook::kiosk::test
