// pdf_read: the docs tests' ways of reading a PDF back with tools that are not ours — its text
// (pdftotext), its pages (pdfinfo) and a page as grey pixels (pdftoppm).
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace classbook::test {

// What a command printed; the test fails if it did not exit 0.
inline std::string output_of(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  const int status = pclose(p);
  INFO(command);
  REQUIRE(status == 0);
  return out;
}

// pdftotext may drop or add spaces between glyphs (PLATFORM.md): compare without any.
inline std::string squeezed(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f'; }), s.end());
  return s;
}

// The PDF written to a file in `dir`; its path.
inline std::string written(const TempDir& dir, const std::string& pdf, const std::string& name = "document.pdf") {
  const auto path = dir.file(name);
  std::ofstream(path, std::ios::binary) << pdf;
  return path;
}

inline int page_count(const std::string& path) {
  const auto info = output_of("pdfinfo " + path);
  const auto at = info.find("Pages:");
  REQUIRE(at != std::string::npos);
  return std::stoi(info.substr(at + 6));
}

// The text of one page as pdftotext gives it; `mode` "-layout" keeps a table's rows on their lines.
inline std::string raw_page_text(const std::string& path, int page, const std::string& mode = "") {
  const auto p = std::to_string(page);
  return output_of("pdftotext " + mode + " -enc UTF-8 -f " + p + " -l " + p + " " + path + " -");
}

// The squeezed text of one page.
inline std::string page_text(const std::string& path, int page) { return squeezed(raw_page_text(path, page)); }

// A page as pdftoppm rasterises it in grey: 0 black … 255 white, row by row.
struct Greys {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

inline Greys page_greys(const TempDir& dir, const std::string& path, int page, int dpi) {
  const auto p = std::to_string(page);
  const auto stem = dir.file("greys");
  // -singlefile: the name is stem.pgm whatever the number of pages.
  output_of("pdftoppm -gray -singlefile -r " + std::to_string(dpi) + " -f " + p + " -l " + p + " " + path + " " + stem);
  std::ifstream in(stem + ".pgm", std::ios::binary);
  std::string magic;
  int max = 0;
  Greys g;
  in >> magic >> g.width >> g.height >> max;
  REQUIRE(magic == "P5");
  REQUIRE(max == 255);
  in.get();  // the one whitespace between the header and the pixels
  g.pixels.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  REQUIRE(g.pixels.size() == static_cast<std::size_t>(g.width) * g.height);
  return g;
}

}  // namespace classbook::test
