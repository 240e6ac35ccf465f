// read_ok: a store read's value in a test, or the test fails there saying why the read failed.
#pragma once

#include <catch2/catch.hpp>

#include <utility>

#include "classbook/common/result.hpp"

namespace classbook::test {

template <class T>
T ok(Result<T> r) {
  INFO((r ? std::string() : r.error().message));
  REQUIRE(r.ok());
  return std::move(*r);
}

}  // namespace classbook::test
