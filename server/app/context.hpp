// context: what every use case needs — the writer, the readers, the clock and the school's settings.
#pragma once

#include <functional>

#include <memory>

#include "app/class_week_cache.hpp"
#include "app/hash_pool.hpp"
#include "classbook/common/clock.hpp"
#include "store/reader_pool.hpp"
#include "store/records.hpp"
#include "store/writer.hpp"

namespace classbook::app {

using store::Id;

struct Context {
  store::Writer& writer;
  store::ReaderPool& readers;
  const Clock& clock;
  store::SchoolSettings settings;
  std::shared_ptr<ClassWeekCache> class_weeks = std::make_shared<ClassWeekCache>();  // the diary's
  // Argon2 work (sign-in, password changes, PINs, roster imports) runs here, never on network threads.
  std::shared_ptr<HashPool> hashing = std::make_shared<HashPool>();
};

// Writes complete after their commit is durable; the callback runs on the writer's thread and
// must hand off at once (the HTTP layer posts it to the connection's executor).
template <class T>
using Reply = std::function<void(Result<T>)>;

// The school's local date of an instant, by the school's UTC offset.
domain::Date local_date(const Context& ctx, TimePoint t);
int local_minute(const Context& ctx, TimePoint t);

}  // namespace classbook::app
