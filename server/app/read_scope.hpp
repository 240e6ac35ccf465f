// read_scope: one read transaction around a whole request (store::ReaderPool's borrowing): the
// session check and the route's reads share a connection and a snapshot instead of two.
#pragma once

#include <memory>

#include "app/context.hpp"

namespace classbook::app {

class ReadScope {
 public:
  explicit ReadScope(Context& ctx);
  ~ReadScope();
  ReadScope(const ReadScope&) = delete;
  ReadScope& operator=(const ReadScope&) = delete;

 private:
  struct Held;
  std::unique_ptr<Held> held_;
};

}  // namespace classbook::app
