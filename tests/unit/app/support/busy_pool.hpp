// A hash pool made busy on purpose: its one thread held until the test lets go.
#pragma once

#include <catch2/catch.hpp>

#include <future>
#include <memory>

#include "app/hash_pool.hpp"

namespace classbook::test {

// Takes the pool's only thread until `release` is set, and returns once that job is running.
inline void occupy(app::HashPool& pool, std::shared_future<void> release) {
  auto started = std::make_shared<std::promise<void>>();
  auto running = started->get_future();
  REQUIRE(pool.submit([started, release] {
    started->set_value();
    release.wait();
  }));
  running.wait();
}

}  // namespace classbook::test
