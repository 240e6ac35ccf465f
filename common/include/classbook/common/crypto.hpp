// crypto: hashing, randomness and ids built on OpenSSL, so no other module touches it directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace classbook {

std::string sha256_hex(std::string_view data);
std::vector<std::uint8_t> random_bytes(std::size_t n);  // from the OS CSPRNG; aborts if it fails
std::string hex_encode(const std::uint8_t* data, std::size_t n);
std::string new_uuid();                          // random (v4) UUID, lower-case canonical text
// A time-ordered (v7, RFC 9562) UUID: 48 bits of milliseconds since the Unix epoch, then 74 random
// bits. Ids made in time order land at the end of a database index instead of on a random page.
std::string new_uuid_v7(std::int64_t unix_ms);
bool is_uuid(std::string_view text);             // canonical 8-4-4-4-12 hex form
std::string random_token(std::size_t bytes);     // url-safe base64 of `bytes` random bytes
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace classbook
