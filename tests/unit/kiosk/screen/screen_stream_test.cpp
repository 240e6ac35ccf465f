// screen_stream_test: /events over a real socket — the current state first, each show() as one event
// in order, once-streams that close, keep-alives, many clients, slow clients, stopping.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "fake_screen_input.hpp"
#include "kiosk/screen/screen_json.hpp"
#include "kiosk/screen/screen_server.hpp"
#include "test_http_client.hpp"

using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;

namespace {
struct Fixture {
  FakeScreenInput input;
  FakeAgent agent;
  std::unique_ptr<ScreenServer> server;
  explicit Fixture(ScreenServerOptions options = {}) {
    auto s = ScreenServer::create(options, input, agent.poster());
    REQUIRE(s);
    server = std::move(*s);
  }
  std::uint16_t port() const { return server->port(); }
};

ScreenState state(std::uint64_t seq, Banner banner, std::string person = "Анна") {
  ScreenState s;
  s.seq = seq;
  s.banner = banner;
  s.person = std::move(person);
  return s;
}

// Polls until `pred` holds or two seconds pass.
template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 200; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}
}  // namespace

TEST_CASE("a stream starts with headers, retry and the current state, then one event per show()") {
  Fixture f;
  f.server->show(state(3, Banner::idle));
  SseClient client(f.port());
  REQUIRE(client.connected());
  CHECK(client.head().starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(client.head().find("Content-Type: text/event-stream\r\n") != std::string::npos);
  CHECK(client.head().find("Cache-Control: no-cache\r\n") != std::string::npos);
  CHECK(client.head().find("Connection: close\r\n") != std::string::npos);
  CHECK(client.head().find("Content-Length") == std::string::npos);

  const auto retry = client.next_block();
  REQUIRE(retry);
  CHECK(retry->retry == 2000);

  const auto current = client.next_event();
  REQUIRE(current);
  CHECK(current->id == "3");
  CHECK(current->event == "state");
  CHECK(current->data == screen::screen_json(state(3, Banner::idle)));
  CHECK(f.server->stats().sse_clients == 1);

  const auto a = state(4, Banner::welcome, "Анна Петрова");
  const auto b = state(5, Banner::unknown_card, "");
  f.server->show(a);
  f.server->show(b);
  const auto first = client.next_event();
  const auto second = client.next_event();
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->id == "4");
  CHECK(first->data == screen::screen_json(a));
  CHECK(second->id == "5");
  CHECK(boost::json::parse(second->data).at("banner").as_string() == "unknown_card");
  CHECK_FALSE(client.next_event(200ms));  // nothing else was shown
}

TEST_CASE("a reconnecting page gets the current state whatever Last-Event-ID it sends") {
  Fixture f;
  f.server->show(state(9, Banner::goodbye));
  for (auto last : {"9", "8", "1000", "nonsense"}) {
    CAPTURE(last);
    SseClient client(f.port(), "/events", {{"Last-Event-ID", last}});
    const auto e = client.next_event();
    REQUIRE(e);
    CHECK(e->id == "9");
    CHECK(boost::json::parse(e->data).at("banner").as_string() == "goodbye");
  }
}

TEST_CASE("/events?once=1 sends the current state with a long retry and closes") {
  Fixture f;
  f.server->show(state(12, Banner::recorded_offline));
  SseClient client(f.port(), "/events?once=1");
  const auto retry = client.next_block();
  REQUIRE(retry);
  REQUIRE(retry->retry);
  CHECK(*retry->retry >= 60000);
  const auto e = client.next_event();
  REQUIRE(e);
  CHECK(e->id == "12");
  CHECK(boost::json::parse(e->data).at("banner").as_string() == "recorded_offline");
  CHECK(client.closed_by_server(2s));
  CHECK(eventually([&] { return f.server->stats().sse_clients == 0; }));
}

TEST_CASE("quiet streams get keep-alive comments") {
  Fixture f({.sse_keepalive = 50ms});
  SseClient client(f.port());
  REQUIRE(client.next_event());
  const auto block = client.next_block(2s);
  REQUIRE(block);
  CHECK_FALSE(block->has_data);
  CHECK(block->comments == std::vector<std::string>{"keep-alive"});
}

TEST_CASE("many pages: each gets every event, one past the limit is told to come back later") {
  Fixture f({.max_sse_clients = 6});
  std::vector<std::unique_ptr<SseClient>> clients;
  for (int i = 0; i < 6; ++i) {
    clients.push_back(std::make_unique<SseClient>(f.port()));
    REQUIRE(clients.back()->next_event());
  }
  CHECK(f.server->stats().sse_clients == 6);
  SseClient extra(f.port());
  CHECK(extra.head().starts_with("HTTP/1.1 503"));
  CHECK(f.server->stats().streams_opened == 6);  // the refused one never started
  CHECK(extra.head().find("Retry-After: 5") != std::string::npos);

  for (std::uint64_t seq = 20; seq < 23; ++seq) f.server->show(state(seq, Banner::welcome));
  for (auto& c : clients)
    for (std::uint64_t seq = 20; seq < 23; ++seq) {
      const auto e = c->next_event();
      REQUIRE(e);
      CHECK(e->id == std::to_string(seq));
    }
  // A page that goes away frees its place.
  clients.pop_back();
  CHECK(eventually([&] { return f.server->stats().sse_clients == 5; }));
  SseClient again(f.port());
  CHECK(again.next_event());
}

TEST_CASE("a page that stops reading is dropped, and the others carry on") {
  Fixture f;
  SseClient stalled(f.port());
  SseClient live(f.port());
  REQUIRE(stalled.next_event());
  REQUIRE(live.next_event());
  // Big frames fill the socket buffers of the stalled page quickly; then its backlog overflows.
  auto big = state(100, Banner::diary);
  big.diary_json = R"({"note":")" + std::string(256 * 1024, 'x') + "\"}";
  std::uint64_t seq = 100;
  const std::uint64_t give_up = seq + 8 * screen_sse_backlog;
  for (; seq < give_up && f.server->stats().sse_clients == 2; ++seq) {
    big.seq = seq;
    f.server->show(big);
    REQUIRE(live.next_event());  // the live page reads as they come
  }
  CHECK(seq - 100 > screen_sse_backlog);  // not dropped before its backlog was full
  CHECK(seq < give_up);
  CHECK(eventually([&] { return f.server->stats().sse_clients == 1; }));
  f.server->show(state(1000, Banner::idle));
  const auto e = live.next_event();
  REQUIRE(e);
  CHECK(e->id == "1000");
}

TEST_CASE("stopping with pages and idle connections open closes them all and returns promptly") {
  auto f = std::make_unique<Fixture>();
  std::vector<std::unique_ptr<SseClient>> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(std::make_unique<SseClient>(f->port()));
    REQUIRE(clients.back()->next_event());
  }
  // A keep-alive connection that has had its answer and waits for the next request.
  SseClient idle(f->port(), "/state");
  const auto started = std::chrono::steady_clock::now();
  f->server->stop();
  f->server->stop();  // twice is fine
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  for (auto& c : clients) CHECK(c->closed_by_server(2s));
  CHECK(f->server->stats().sse_clients == 0);
  CHECK(f->server->stats().connections_open == 0);
  f->server->show(state(50, Banner::idle));  // after stop: ignored, no crash
  f.reset();
}
