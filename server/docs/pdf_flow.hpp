// pdf_flow: a document as a flow of blocks — text, table rows, charts, a header with a QR code — laid down
// A4 pages and written as PDF with cairo and pango (fonts embedded, any script pango shapes). The
// documents (diary_extract, …) say what to show; this file alone knows how pages are filled: where
// a page breaks, that a table's header row comes again on the next page, that a heading never ends
// a page alone, and the footer with "page N of M" on each.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

// A4 in PDF points, and the margins every document keeps.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.89;
// Which way the A4 sheet is turned: upright for lists, on its side for a wide grid (a class journal).
enum class Orientation { portrait, landscape };
inline constexpr double kMargin = 42.5;  // 15 mm
inline constexpr double kFooterHeight = 22;
// The font every document is set in: DejaVu (fonts-dejavu-core) has Cyrillic and is on every box.
inline constexpr const char* kFontFamily = "DejaVu Sans";
// A document longer than this is a mistake upstream (a year's diary is ~60 pages).
inline constexpr std::size_t kMaxPages = 500;

struct TextStyle {
  double size = 9;
  bool bold = false;
  double grey = 0;  // 0 black … 1 white: 0.4 for what is said in passing
};

struct Cell {
  std::string text;
  TextStyle style{};
};

// One point of a chart: a dot at (at, value), sized by its weight, and the height there of the line
// drawn through all the points (a running average, say).
struct ChartPoint {
  double at = 0;      // 0..1 along the x axis (a term's first day 0, its last 1)
  double value = 0;   // the dot, on the y scale
  double weight = 1;  // the dot's area grows with it: 2 is twice as large as 1
  double line = 0;    // the line, on the y scale
};

// A chart's scales: y from low to high with a grid line and its number at each whole value between;
// x has only words at its two ends ("начало", "конец"; "" for none).
struct ChartAxes {
  double low = 1, high = 5;
  std::string start_label, end_label;
};

// How a table is ruled and broken, beyond the defaults a list of lessons wants.
struct TableLook {
  bool grid = false;        // vertical rules between the columns too: a grid of marks is read down as well as across
  bool keep_whole = false;  // starts a new page rather than split, when the whole table fits on one page
};

// One thing laid down the page (Flow's own; the documents use Flow's functions).
struct FlowBlock {
  enum class Kind { title, heading, paragraph, space, row, chart };
  Kind kind = Kind::paragraph;
  std::vector<std::string> lines;  // title: its lines; heading and paragraph: one; chart: its caption, if any
  TextStyle style{};
  std::string qr_text, qr_caption;  // title
  double points = 0;                // space; chart: its height, axes' words included
  std::vector<double> widths;       // row: points, scaled to the text width
  std::vector<Cell> cells;          // row
  TableLook look{};                 // row: its table's
  bool header_row = false;          // row: its table's header
  std::size_t header_index = 0;     // row: where its table's header row is in the flow
  std::vector<ChartPoint> chart_points;  // chart
  ChartAxes chart_axes{};                // chart
};

class Flow {
 public:
  // `footer`: the left of every page's footer (what the document is, when it was made); the right
  // says "стр. N из M" (`page_word` "стр.", `of_word` "из": the document's language). Every page of
  // one document is turned the same way (`orientation`).
  Flow(std::string footer, std::string page_word, std::string of_word, Orientation orientation = Orientation::portrait);

  // The first page's head: lines of text on the left (the first one large), and on the right a QR
  // code of `qr_text` with `qr_caption` under it, flush right and never wrapped (its lines are its
  // own: a code must not break); no QR code when qr_text is empty.
  void title(std::vector<std::string> lines, std::string qr_text, std::string qr_caption);
  void heading(std::string text);  // kept on the page of what follows it
  void paragraph(std::string text, TextStyle style = {});
  void space(double points);
  // A table: column widths as shares of the text width (they need not add up to 1; they are scaled),
  // the header row (drawn again at the top of each page the table goes on to), then the rows. A row
  // is never split across pages; `look` may rule the columns and keep the whole table on one page.
  void table(std::vector<double> widths, std::vector<Cell> header, std::vector<std::vector<Cell>> rows,
             TableLook look = {});
  // A chart the text width wide and `height` points high (never split across pages; a heading before
  // it stays with it): a dot per point, the points' line over them, and `caption` (a legend) under
  // it when not empty. Points off the scales are drawn at their edge; points not finite are left out.
  void chart(std::vector<ChartPoint> points, ChartAxes axes, double height, std::string caption = {});

  // The PDF's bytes; `title` is its metadata title. Fails (503-worthy: nothing to do but retry) when
  // cairo cannot make the document, and when it would pass kMaxPages.
  Result<std::string> pdf(const std::string& title) const;

 private:
  std::string footer_, page_word_, of_word_;
  std::vector<FlowBlock> blocks_;
  Orientation orientation_;
};

}  // namespace classbook::docs
