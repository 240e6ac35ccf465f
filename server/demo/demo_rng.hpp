// demo_rng: seeded randomness whose output is the same on every platform and standard library.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace classbook::demo {

// std::mt19937_64's sequence is fixed by the standard, the std distributions are not; so every
// draw goes through these helpers instead.
class DemoRng {
 public:
  explicit DemoRng(std::uint64_t seed) : engine_(seed) {}
  // A stream for one purpose: changing how much one stage draws must not shift another stage.
  DemoRng(std::uint64_t seed, std::uint64_t stream) : engine_(mix(seed, stream)) {}

  std::uint64_t next() { return engine_(); }

  // Uniform in [0, n); n must be positive. Rejection keeps it unbiased.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    for (;;) {
      const std::uint64_t x = engine_();
      if (x < limit) return x % n;
    }
  }
  // Uniform in [lo, hi], both ends included.
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1) with 53 bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(below(items.size()))];
  }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[static_cast<std::size_t>(below(N))];
  }
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[static_cast<std::size_t>(below(i))]);
  }

  // RFC 9562 version-7 UUID text: `unix_ms` in the top 48 bits, then 74 drawn bits. Rows made
  // in time order get ids in index order, so the unique indexes grow at their end instead of
  // rewriting pages all over a large index with every week written.
  std::string uuid_v7(std::int64_t unix_ms) {
    std::uint64_t hi = (static_cast<std::uint64_t>(unix_ms) << 16) | 0x7000 | (engine_() & 0x0FFF);
    std::uint64_t lo = (engine_() & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);  // RFC variant
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    auto put = [&](std::uint64_t v, int nibbles_from, int nibbles_to) {
      for (int i = nibbles_from; i < nibbles_to; ++i) out += digits[(v >> (60 - 4 * i)) & 0xF];
    };
    put(hi, 0, 8);
    out += '-';
    put(hi, 8, 12);
    out += '-';
    put(hi, 12, 16);
    out += '-';
    put(lo, 0, 4);
    out += '-';
    put(lo, 4, 16);
    return out;
  }

 private:
  // splitmix64 of seed and stream, so neighbouring streams start far apart.
  static std::uint64_t mix(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::mt19937_64 engine_;
};

}  // namespace classbook::demo
