// read_scope: holds a reader lease; leases taken on this thread meanwhile borrow it.
#include "app/read_scope.hpp"

#include "store/reader_pool.hpp"

namespace classbook::app {

struct ReadScope::Held {
  store::ReaderPool::Lease lease;
};

ReadScope::ReadScope(Context& ctx) : held_(std::make_unique<Held>(Held{ctx.readers.acquire()})) {}
ReadScope::~ReadScope() = default;

}  // namespace classbook::app
