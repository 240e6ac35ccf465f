// fuzz_ccid_reply: any bytes as a CCID bulk-IN reply, an interrupt message, an R-APDU and an
// InListPassiveTarget reply. Parsers never read past the input (ASan) and what they accept is
// consistent with the bytes.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "drivers/card/ccid.hpp"

using namespace classbook::drivers;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // An exact-size copy, so ASan sees any read past the end even under the plain driver.
  std::vector<std::uint8_t> owned(data, data + size);
  const std::span<const std::uint8_t> in(owned);

  if (auto r = ccid::parse_reply(in)) {
    check(size >= ccid::header_size && r->data.size() == size - ccid::header_size);
    check(r->data.size() <= ccid::max_message);
    check(r->type >= 0x80 && r->type <= 0x84);
    check(r->seq == in[6] && r->status == in[7]);
    check(std::equal(r->data.begin(), r->data.end(), in.begin() + ccid::header_size));
    if (auto resp = ccid::split_response(r->data)) check(resp->data.size() + 2 == r->data.size());
  } else {
    check(!r.error().message.empty());
  }
  if (auto change = ccid::parse_notify_slot_change(in)) check(size >= 2 && in[0] == 0x50);

  if (auto resp = ccid::split_response(in)) {
    check(size >= 2 && resp->sw == (in[size - 2] << 8 | in[size - 1]));
  } else {
    check(size < 2);
  }
  auto target = ccid::parse_list_passive_target(in);
  if (target && target->has_value()) {
    const auto& uid = **target;
    check(uid.size() == 4 || uid.size() == 7 || uid.size() == 10);
    check(size >= 8 + uid.size() && std::memcmp(uid.data(), in.data() + 8, uid.size()) == 0);
  } else if (target) {
    check(size >= 3 && in[2] == 0);
  }
  return 0;
}
