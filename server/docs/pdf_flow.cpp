// pdf_flow: see the header. Two passes over the blocks: the first measures each (pango on the PDF
// surface's own context, so measured is drawn) and breaks them into pages; the second draws, now
// that the number of pages is known for the footers.
#include "docs/pdf_flow.hpp"
#include "docs/pdf_surface.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <numeric>
#include <utility>

#include "qr/qr_svg.hpp"

namespace classbook::docs {
namespace {

// The sheet as this document turns it; everything below measures from it.
struct Page {
  double width, height;
  double text_width() const { return width - 2 * kMargin; }
  double bottom() const { return height - kMargin - kFooterHeight; }  // where blocks must end
};
Page page_of(Orientation o) { return o == Orientation::landscape ? Page{kPageHeight, kPageWidth} : Page{kPageWidth, kPageHeight}; }

constexpr double kPadX = 3, kPadY = 2.5;                           // inside a table cell
constexpr double kQrSide = 82;  // ~29 mm: a phone reads it from the page at arm's length
constexpr double kQrGap = 14;   // between the title's text and its QR code
constexpr TextStyle kHeading{11, true, 0};
constexpr TextStyle kFooter{7.5, false, 0.35};
constexpr TextStyle kQrCaption{8, false, 0};  // a code someone may type: black, not grey
constexpr TextStyle kChartLabel{7, false, 0.35};
constexpr TextStyle kChartCaption{8, false, 0.35};
constexpr double kChartGutter = 14;   // left of the plot: the y scale's numbers
constexpr double kChartFoot = 10;     // under the plot: the x axis's words
constexpr double kChartInset = 5;     // around the plot, so that a dot on an edge is whole
constexpr double kDotRadius = 2.6;    // a dot of weight 1; its area grows with the weight …
constexpr double kDotMaxWeight = 4;   // … up to this, so that one odd weight cannot cover the chart
constexpr int kChartMaxGridLines = 12;  // a wider y scale gets a line every few values instead
constexpr double kChartMinHeight = 40;  // below this the axes' words would overlap the plot

// One piece of text set by pango at a width: measured, then drawn.
class Text {
 public:
  Text(cairo_t* cr, const std::string& text, const TextStyle& style, double width) : layout_(pango_cairo_create_layout(cr)) {
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFontFamily);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);  // in points, the surface's unit
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    if (width > 0) {
      pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    grey_ = style.grey;
  }
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;
  ~Text() { g_object_unref(layout_); }

  double width() const { return size().first; }
  double height() const { return size().second; }
  void draw(cairo_t* cr, double x, double y) const {
    cairo_set_source_rgb(cr, grey_, grey_, grey_);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout_);
  }

 private:
  std::pair<double, double> size() const {
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
  }
  PangoLayout* layout_;
  double grey_ = 0;
};

TextStyle title_line_style(std::size_t i) { return i == 0 ? TextStyle{14, true, 0} : TextStyle{9.5, false, 0}; }
double title_text_width(const Page& page, bool with_qr) { return with_qr ? page.text_width() - kQrSide - kQrGap : page.text_width(); }

double chart_caption_height(cairo_t* cr, const FlowBlock& b, const Page& page) {
  if (b.lines.empty() || b.lines[0].empty()) return 0;
  return 2 + Text(cr, b.lines[0], kChartCaption, page.text_width()).height();
}

double height_of(cairo_t* cr, const FlowBlock& b, const Page& page) {
  switch (b.kind) {
    case FlowBlock::Kind::title: {
      double text = 0;
      for (std::size_t i = 0; i < b.lines.size(); ++i)
        text += Text(cr, b.lines[i], title_line_style(i), title_text_width(page, !b.qr_text.empty())).height() + (i == 0 ? 4 : 1);
      double qr = 0;
      if (!b.qr_text.empty()) qr = kQrSide + 3 + Text(cr, b.qr_caption, kQrCaption, 0).height();
      return std::max(text, qr) + 10;
    }
    case FlowBlock::Kind::heading: return 8 + Text(cr, b.lines.at(0), kHeading, page.text_width()).height() + 3;
    case FlowBlock::Kind::paragraph: return Text(cr, b.lines.at(0), b.style, page.text_width()).height() + 3;
    case FlowBlock::Kind::space: return b.points;
    case FlowBlock::Kind::row: {
      double h = 0;
      for (std::size_t i = 0; i < b.cells.size(); ++i)
        h = std::max(h, Text(cr, b.cells[i].text, b.cells[i].style, b.widths[i] - 2 * kPadX).height());
      return h + 2 * kPadY;
    }
    case FlowBlock::Kind::chart: return b.points + chart_caption_height(cr, b, page) + 6;
  }
  return 0;
}

void draw_qr(cairo_t* cr, const qr::QrModules& m, double x, double y, double side) {
  const double module = side / m.size;
  cairo_set_source_rgb(cr, 0, 0, 0);
  // A hair wider than each run, so that neighbouring rows leave no white seams in a viewer.
  for (const auto& run : qr::dark_runs(m))
    cairo_rectangle(cr, x + run.x * module, y + run.y * module, run.length * module + 0.05, module + 0.05);
  cairo_fill(cr);
}

// The chart of a chart block whose top is at y: grid and scales first, then the line, then the dots
// over it (a dot must not hide under the line), then the caption.
void draw_chart(cairo_t* cr, const FlowBlock& b, double y, const Page& page) {
  const ChartAxes& axes = b.chart_axes;
  const double low = std::isfinite(axes.low) ? axes.low : 0;
  const double high = std::isfinite(axes.high - low) && axes.high > low ? axes.high : low + 1;
  const double step = std::max(1.0, std::ceil((high - low) / kChartMaxGridLines));
  const double left = kMargin + kChartGutter + kChartInset, right = kMargin + page.text_width() - kChartInset;
  const double top = y + kChartInset, bottom = y + b.points - kChartFoot - kChartInset;
  auto x_of = [&](double at) { return left + std::clamp(at, 0.0, 1.0) * (right - left); };
  auto y_of = [&](double v) { return bottom - (std::clamp(v, low, high) - low) / (high - low) * (bottom - top); };

  cairo_set_line_width(cr, 0.4);
  for (int i = 0; i <= kChartMaxGridLines; ++i) {  // counted: a step lost in a huge value cannot loop on
    const double v = std::ceil(low) + i * step;
    if (v > high) break;
    cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
    cairo_move_to(cr, left - kChartInset, y_of(v));
    cairo_line_to(cr, right + kChartInset, y_of(v));
    cairo_stroke(cr);
    char whole[32];
    std::snprintf(whole, sizeof whole, "%.0f", v);
    Text number(cr, whole, kChartLabel, 0);
    number.draw(cr, left - kChartInset - 3 - number.width(), y_of(v) - number.height() / 2);
  }
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_move_to(cr, left - kChartInset, top - kChartInset);
  cairo_line_to(cr, left - kChartInset, bottom + kChartInset);
  cairo_line_to(cr, right + kChartInset, bottom + kChartInset);
  cairo_stroke(cr);
  const double words_y = bottom + kChartInset + 1;
  if (!axes.start_label.empty()) Text(cr, axes.start_label, kChartLabel, 0).draw(cr, left - kChartInset, words_y);
  if (!axes.end_label.empty()) {
    Text end(cr, axes.end_label, kChartLabel, 0);
    end.draw(cr, right + kChartInset - end.width(), words_y);
  }

  std::vector<const ChartPoint*> shown;
  shown.reserve(b.chart_points.size());
  for (const auto& p : b.chart_points)
    if (std::isfinite(p.at) && std::isfinite(p.value) && std::isfinite(p.line) && std::isfinite(p.weight)) shown.push_back(&p);
  if (shown.size() > 1) {
    cairo_set_source_rgb(cr, 0.15, 0.35, 0.75);
    cairo_set_line_width(cr, 1.4);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_move_to(cr, x_of(shown[0]->at), y_of(shown[0]->line));
    for (std::size_t i = 1; i < shown.size(); ++i) cairo_line_to(cr, x_of(shown[i]->at), y_of(shown[i]->line));
    cairo_stroke(cr);
  }
  cairo_set_line_width(cr, 0.6);
  for (const ChartPoint* p : shown) {
    const double r = kDotRadius * std::sqrt(std::clamp(p->weight, 0.25, kDotMaxWeight));
    cairo_new_sub_path(cr);
    cairo_arc(cr, x_of(p->at), y_of(p->value), r, 0, 2 * std::numbers::pi);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);  // a white rim: two marks on one day stay two dots
    cairo_stroke(cr);
  }
  if (!b.lines.empty() && !b.lines[0].empty()) Text(cr, b.lines[0], kChartCaption, page.text_width()).draw(cr, kMargin, y + b.points + 2);
}

Status draw_block(cairo_t* cr, const FlowBlock& b, double y, double height, const Page& page) {
  switch (b.kind) {
    case FlowBlock::Kind::title: {
      double ty = y;
      for (std::size_t i = 0; i < b.lines.size(); ++i) {
        Text t(cr, b.lines[i], title_line_style(i), title_text_width(page, !b.qr_text.empty()));
        t.draw(cr, kMargin, ty);
        ty += t.height() + (i == 0 ? 4 : 1);
      }
      if (!b.qr_text.empty()) {
        auto modules = qr::qr_modules(b.qr_text);
        if (!modules) return modules.error();
        const double x = page.width - kMargin - kQrSide;
        draw_qr(cr, *modules, x, y, kQrSide);
        // Unwrapped and flush right: a code broken over two lines is read wrong (or de-hyphenated).
        Text caption(cr, b.qr_caption, kQrCaption, 0);
        caption.draw(cr, page.width - kMargin - caption.width(), y + kQrSide + 3);
      }
      cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
      cairo_set_line_width(cr, 0.6);
      cairo_move_to(cr, kMargin, y + height - 4);
      cairo_line_to(cr, page.width - kMargin, y + height - 4);
      cairo_stroke(cr);
      return ok_status();
    }
    case FlowBlock::Kind::heading: Text(cr, b.lines.at(0), kHeading, page.text_width()).draw(cr, kMargin, y + 8); return ok_status();
    case FlowBlock::Kind::paragraph: Text(cr, b.lines.at(0), b.style, page.text_width()).draw(cr, kMargin, y); return ok_status();
    case FlowBlock::Kind::space: return ok_status();
    case FlowBlock::Kind::row: {
      if (b.header_row) {
        cairo_set_source_rgb(cr, 0.92, 0.93, 0.95);
        cairo_rectangle(cr, kMargin, y, page.text_width(), height);
        cairo_fill(cr);
      }
      double x = kMargin;
      for (std::size_t i = 0; i < b.cells.size(); ++i) {
        Text(cr, b.cells[i].text, b.cells[i].style, b.widths[i] - 2 * kPadX).draw(cr, x + kPadX, y + kPadY);
        x += b.widths[i];
      }
      cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
      cairo_set_line_width(cr, 0.4);
      cairo_move_to(cr, kMargin, y + height);
      cairo_line_to(cr, page.width - kMargin, y + height);
      if (b.look.grid) {
        double rule = kMargin;
        cairo_move_to(cr, rule, y);
        cairo_line_to(cr, rule, y + height);
        for (double w : b.widths) {
          rule += w;
          cairo_move_to(cr, rule, y);
          cairo_line_to(cr, rule, y + height);
        }
      }
      cairo_stroke(cr);
      return ok_status();
    }
    case FlowBlock::Kind::chart: draw_chart(cr, b, y, page); return ok_status();
  }
  return ok_status();
}

}  // namespace

Flow::Flow(std::string footer, std::string page_word, std::string of_word, Orientation orientation)
    : footer_(std::move(footer)), page_word_(std::move(page_word)), of_word_(std::move(of_word)), orientation_(orientation) {}

void Flow::title(std::vector<std::string> lines, std::string qr_text, std::string qr_caption) {
  FlowBlock b;
  b.kind = FlowBlock::Kind::title;
  b.lines = std::move(lines);
  b.qr_text = std::move(qr_text);
  b.qr_caption = std::move(qr_caption);
  blocks_.push_back(std::move(b));
}

void Flow::heading(std::string text) {
  FlowBlock b;
  b.kind = FlowBlock::Kind::heading;
  b.lines = {std::move(text)};
  blocks_.push_back(std::move(b));
}

void Flow::paragraph(std::string text, TextStyle style) {
  FlowBlock b;
  b.kind = FlowBlock::Kind::paragraph;
  b.lines = {std::move(text)};
  b.style = style;
  blocks_.push_back(std::move(b));
}

void Flow::space(double points) {
  FlowBlock b;
  b.kind = FlowBlock::Kind::space;
  b.points = points;
  blocks_.push_back(std::move(b));
}

void Flow::table(std::vector<double> widths, std::vector<Cell> header, std::vector<std::vector<Cell>> rows, TableLook look) {
  const double total = std::accumulate(widths.begin(), widths.end(), 0.0);
  const double text_width = page_of(orientation_).text_width();
  for (auto& w : widths) w = total > 0 ? w / total * text_width : text_width / static_cast<double>(widths.size());
  const std::size_t header_at = blocks_.size();
  auto row = [&](std::vector<Cell> cells, bool is_header) {
    cells.resize(widths.size());
    FlowBlock b;
    b.kind = FlowBlock::Kind::row;
    b.widths = widths;
    b.cells = std::move(cells);
    b.look = look;
    b.header_row = is_header;
    b.header_index = header_at;
    blocks_.push_back(std::move(b));
  };
  for (auto& c : header) c.style.bold = true;
  row(std::move(header), true);
  for (auto& r : rows) row(std::move(r), false);
}

void Flow::chart(std::vector<ChartPoint> points, ChartAxes axes, double height, std::string caption) {
  FlowBlock b;
  b.kind = FlowBlock::Kind::chart;
  b.chart_points = std::move(points);
  b.chart_axes = std::move(axes);
  b.points = std::isfinite(height) ? std::clamp(height, kChartMinHeight, page_of(orientation_).bottom() - kMargin) : kChartMinHeight;  // a page holds it
  if (!caption.empty()) b.lines = {std::move(caption)};
  blocks_.push_back(std::move(b));
}

Result<std::string> Flow::pdf(const std::string& title) const {
  const Page page = page_of(orientation_);
  PdfSurface pdf(page.width, page.height, title);
  if (auto s = pdf.status(); !s) return s.error();
  cairo_t* const cr = pdf.cr();

  // Pass 1: heights, then pages of (block, y).
  std::vector<double> heights;
  heights.reserve(blocks_.size());
  for (const auto& b : blocks_) heights.push_back(height_of(cr, b, page));
  // What must fit below y for block i to go there: a table kept whole brings all its rows along
  // (unless they could not fit on any page; then it breaks by rows like any other).
  auto need_of = [&](std::size_t i) {
    const auto& b = blocks_[i];
    if (b.kind != FlowBlock::Kind::row || !b.header_row || !b.look.keep_whole) return heights[i];
    double whole = heights[i];
    for (std::size_t j = i + 1; j < blocks_.size() && blocks_[j].kind == FlowBlock::Kind::row && !blocks_[j].header_row &&
                                blocks_[j].header_index == i;
         ++j)
      whole += heights[j];
    return whole <= page.bottom() - kMargin ? whole : heights[i];
  };
  struct Placed {
    std::size_t block;
    double y;
  };
  std::vector<std::vector<Placed>> pages(1);
  double y = kMargin;
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const auto& b = blocks_[i];
    double need = need_of(i);
    // A heading goes to the next page with the first thing under it.
    if (b.kind == FlowBlock::Kind::heading && i + 1 < blocks_.size()) need += need_of(i + 1);
    if (y + need > page.bottom() && !pages.back().empty()) {
      if (pages.size() == kMaxPages)
        return make_error(Errc::invalid_input, "document.too_long",
                          "the document would pass " + std::to_string(kMaxPages) + " pages; ask for a shorter period");
      pages.emplace_back();
      y = kMargin;
      if (b.kind == FlowBlock::Kind::row && !b.header_row) {
        pages.back().push_back({b.header_index, y});
        y += heights[b.header_index];
      }
    }
    if (b.kind == FlowBlock::Kind::space && pages.back().empty()) continue;  // no gap at a page's top
    pages.back().push_back({i, y});
    y += heights[i];
  }

  // Pass 2: draw, with "page N of M" now that M is known.
  const std::string of_total = " " + of_word_ + " " + std::to_string(pages.size());
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const auto& placed : pages[p])
      if (auto s = draw_block(cr, blocks_[placed.block], placed.y, heights[placed.block], page); !s) return s.error();
    const double fy = page.height - kMargin - kFooterHeight + 10;
    Text number(cr, page_word_ + " " + std::to_string(p + 1) + of_total, kFooter, 0);
    Text(cr, footer_, kFooter, page.text_width() - number.width() - 12).draw(cr, kMargin, fy);
    number.draw(cr, page.width - kMargin - number.width(), fy);
    cairo_show_page(cr);
  }
  return pdf.finish();
}

}  // namespace classbook::docs
