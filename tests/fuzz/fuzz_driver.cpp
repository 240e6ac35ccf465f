// fuzz_driver: the short fuzz run in the default tests (GCC, no libFuzzer): every corpus file, then
// a fixed number of deterministic mutations of them. The long run uses libFuzzer (`./run fuzz`).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_driver CORPUS_DIR [ITERATIONS]\n");
    return 2;
  }
  const long iterations = argc > 2 ? std::atol(argv[2]) : 20000;
  std::vector<std::string> corpus;
  for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(e.path(), std::ios::binary);
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "fuzz_driver: the corpus %s is empty\n", argv[1]);
    return 1;
  }
  for (const auto& c : corpus) LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(c.data()), c.size());
  std::mt19937_64 rng(20261129);
  auto pick = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
  for (long i = 0; i < iterations; ++i) {
    std::string s = corpus[pick(corpus.size())];
    const int edits = 1 + static_cast<int>(pick(8));
    for (int k = 0; k < edits; ++k) {
      switch (pick(5)) {
        case 0: if (!s.empty()) s[pick(s.size())] = static_cast<char>(rng()); break;
        case 1: s.insert(pick(s.size() + 1), 1, static_cast<char>(rng())); break;
        case 2: if (!s.empty()) s.erase(pick(s.size()), 1 + pick(8)); break;
        case 3: { const auto& o = corpus[pick(corpus.size())]; const auto at = pick(o.size()); s.insert(pick(s.size() + 1), o.substr(at, pick(64))); break; }
        case 4: { static const char* tokens[] = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e309", "-0", "\\u0000", "\xff", "\xc0\x80", "\r\n", "Content-Length: 99999999\r\n", "Transfer-Encoding: chunked\r\n", "%00", "?week=", "9999-W99"};
          s.insert(pick(s.size() + 1), tokens[pick(std::size(tokens))]); break; }
      }
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  }
  std::printf("fuzz_driver: %zu corpus inputs and %ld mutations ran clean\n", corpus.size(), iterations);
  return 0;
}
