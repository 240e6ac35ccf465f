// submit: runs a use case's work as one writer job and replies with its value after the commit.
#pragma once

#include <memory>
#include <optional>

#include "app/context.hpp"
#include "store/writer.hpp"

namespace classbook::app {

template <class T, class Work>
void submit(Context& ctx, Work work, Reply<T> reply) {
  auto out = std::make_shared<std::optional<T>>();
  ctx.writer.submit(
      [work = std::move(work), out](store::WriteContext& w) -> Status {
        Result<T> r = work(w);
        if (!r) return r.error();
        *out = std::move(r.value());
        return ok_status();
      },
      [out, reply = std::move(reply)](const Status& s) {
        if (!s) return reply(s.error());
        reply(std::move(**out));
      });
}

}  // namespace classbook::app
