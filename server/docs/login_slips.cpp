// login_slips: see the header. One pango context and one layout per field of a slip, made once and
// given each slip's text in turn (a text the same as the last slip's is not laid out again): a
// thousand slips are a few thousand layouts of short strings, not a thousand font set-ups. A slip's
// texts are fitted to it — wrapped, shrunk, the whole slip set smaller, and only past any real name
// or login cut with "…" — so nothing ever runs onto the neighbouring slip or under the scissors.
#include "docs/login_slips.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <tuple>

#include "docs/pdf_flow.hpp"  // A4 in points and the documents' font
#include "docs/pdf_surface.hpp"
#include "qr/qr_svg.hpp"

namespace classbook::docs {
namespace {

constexpr int kColumns = 2, kRows = 4;
static_assert(kColumns * kRows == kSlipsPerPage);
constexpr double kSheetMargin = 28.35;  // 10 mm: inside what any office printer reaches
constexpr double kSlipWidth = (kPageWidth - 2 * kSheetMargin) / kColumns;  // ~95 mm
constexpr double kSlipHeight = (kPageHeight - 2 * kSheetMargin) / kRows;   // ~69 mm
constexpr double kPad = 12;      // from the cut line to the text: a crooked cut leaves it whole
// A QR module of 2 pt (0.7 mm) is read by any phone camera held over the page; a sign-in address
// makes a code of 33 or 37 modules, 23–26 mm. A longer text's code is held to kQrMaxSide with
// smaller modules, so that the slip still has room for its text.
constexpr double kQrModule = 2;
constexpr double kQrMaxSide = 76;
constexpr double kQrGap = 4;     // between the left column and the QR code's quiet zone
constexpr double kLabelGap = 6;  // between "Пароль:" and the password
// Below this the texts would be too small to read; every field has a line limit, so at this scale
// even the longest texts fit (see fits()).
constexpr double kMinScale = 0.5;
constexpr const char* kMonoFamily = "DejaVu Sans Mono";  // a password has no l/1 or O/0 to guess

// How one field is set and fitted: at `size`, on up to `lines_at_size` lines; if it needs more, it
// shrinks down to `min_size`; there it may take up to `max_lines`, and past those it is cut with "…".
struct FieldStyle {
  const char* family;
  bool bold;
  double size, min_size;
  int lines_at_size, max_lines;
  PangoWrapMode wrap;
  double grey;    // 0 black … 1 white
  bool hyphens;   // at a break inside a word; never in a login, where "-" would read as part of it
};
constexpr FieldStyle kSchool{kFontFamily, false, 7.5, 6.5, 1, 2, PANGO_WRAP_WORD_CHAR, 0.35, true};
constexpr FieldStyle kName{kFontFamily, true, 13, 10, 2, 4, PANGO_WRAP_WORD_CHAR, 0, true};
constexpr FieldStyle kRole{kFontFamily, false, 9, 7.5, 2, 3, PANGO_WRAP_WORD_CHAR, 0, true};
constexpr FieldStyle kLabel{kFontFamily, false, 9, 9, 1, 1, PANGO_WRAP_CHAR, 0.2, false};
// A login or password broken over lines is misread: smaller on one line first, then broken.
constexpr FieldStyle kSecret{kMonoFamily, false, 13, 9, 1, 3, PANGO_WRAP_CHAR, 0, false};
constexpr FieldStyle kAddressLabel{kFontFamily, false, 8, 8, 1, 1, PANGO_WRAP_CHAR, 0.2, false};
constexpr FieldStyle kAddress{kMonoFamily, false, 9, 7.5, 1, 2, PANGO_WRAP_CHAR, 0, false};
constexpr FieldStyle kExpires{kFontFamily, false, 7.5, 6.5, 3, 3, PANGO_WRAP_WORD_CHAR, 0, true};
constexpr FieldStyle kMadeAt{kFontFamily, false, 6.5, 6, 1, 1, PANGO_WRAP_WORD_CHAR, 0.4, true};

// Where a slip's QR code goes: its modules, its side and quiet zone (both without the other), and how
// far it keeps from the slip's top and right edges (the quiet zone must stay inside the slip).
struct QrPlace {
  double module, side, quiet, inset;
};
QrPlace qr_place(int size) {
  const double module = std::min(kQrModule, kQrMaxSide / size);
  const double quiet = qr::kQuietZoneModules * module;
  return {module, module * size, quiet, std::max(kPad, quiet)};
}

using ContextPtr = std::unique_ptr<PangoContext, decltype(&g_object_unref)>;

int pango_units(double points) { return static_cast<int>(points * PANGO_SCALE); }
double points(int pango) { return static_cast<double>(pango) / PANGO_SCALE; }

// One field of the slip: a layout kept for the whole document, given each slip's text.
class Field {
 public:
  Field(PangoContext* context, const FieldStyle& style) : style_(style), layout_(pango_layout_new(context)), font_(pango_font_description_new()) {
    pango_font_description_set_family(font_, style.family);
    pango_font_description_set_weight(font_, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_wrap(layout_, style.wrap);
    if (!style.hyphens) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
      pango_layout_set_attributes(layout_, attrs);
      pango_attr_list_unref(attrs);
    }
  }
  Field(const Field&) = delete;
  Field& operator=(const Field&) = delete;
  ~Field() {
    pango_font_description_free(font_);
    g_object_unref(layout_);
  }

  void set(const std::string& text, double width, double scale) {
    // Most fields are the same on every slip (the school, the address, the labels): laid out once.
    if (text == text_ && width == width_ && scale == scale_) return;
    text_ = text;
    width_ = width;
    scale_ = scale;
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_height(layout_, -1);
    pango_layout_set_width(layout_, pango_units(width));
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    const double min_size = style_.min_size * scale;
    double size = style_.size * scale;
    set_size(size);
    while (lines() > style_.lines_at_size && size > min_size) set_size(size = std::max(min_size, size - 0.5));
    cut_ = lines() > style_.max_lines;
    if (cut_) {
      pango_layout_set_height(layout_, -style_.max_lines);
      pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
    }
  }
  bool cut() const { return cut_; }  // whether the text did not fit its lines and ends in "…"
  double width() const { return extent().first; }
  double height() const { return extent().second; }
  double baseline() const { return points(pango_layout_get_baseline(layout_)); }
  void draw(cairo_t* cr, double x, double y) const {
    cairo_set_source_rgb(cr, style_.grey, style_.grey, style_.grey);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout_);
  }

 private:
  int lines() const { return pango_layout_get_line_count(layout_); }
  void set_size(double size) {
    if (size == size_) return;
    size_ = size;
    pango_font_description_set_absolute_size(font_, size * PANGO_SCALE);  // points: the surface's unit
    pango_layout_set_font_description(layout_, font_);
  }
  std::pair<double, double> extent() const {
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return {points(w), points(h)};
  }

  FieldStyle style_;
  PangoLayout* layout_;
  PangoFontDescription* font_;
  double size_ = 0;
  bool cut_ = false;
  std::string text_;
  double width_ = -1, scale_ = 0;
};

// Draws one slip after another with the same layouts.
class SlipPainter {
 public:
  explicit SlipPainter(cairo_t* cr)
      : cr_(cr),
        context_(pango_cairo_create_context(cr), g_object_unref),
        school_(context_.get(), kSchool),
        name_(context_.get(), kName),
        role_(context_.get(), kRole),
        login_label_(context_.get(), kLabel),
        password_label_(context_.get(), kLabel),
        address_label_(context_.get(), kAddressLabel),
        login_(context_.get(), kSecret),
        password_(context_.get(), kSecret),
        address_(context_.get(), kAddress),
        expires_(context_.get(), kExpires),
        made_at_(context_.get(), kMadeAt) {}

  // The slip with its top left corner at (x, y).
  Status draw(const LoginSlipSheet& sheet, const LoginSlipText& slip, double x, double y) {
    auto modules = qr::qr_modules(slip.qr);
    if (!modules) return modules.error();
    const QrPlace qr = qr_place(modules->size);
    double scale = 1;
    while (!fits(sheet, slip, qr, scale) && scale > kMinScale) scale = std::max(kMinScale, scale - 0.1);

    // The top: who it is for on the left, the QR code on the right.
    const double left = x + kPad;
    double ty = y + kPad;
    school_.draw(cr_, left, ty);
    ty += school_.height() + 2 * scale;
    name_.draw(cr_, left, ty);
    ty += name_.height() + 2 * scale;
    role_.draw(cr_, left, ty);
    // On whole points: with 2 pt modules every coordinate of the code is then a short integer.
    draw_qr(*modules, std::floor(x + kSlipWidth - qr.inset - qr.side), std::ceil(y + qr.inset), qr.module);

    // Under it the login and password; the address and the small print at the slip's foot.
    double my = y + kPad + top_height_ + 5 * scale;
    labelled(login_label_, login_, left, my);
    my += login_.height() + 2 * scale;
    labelled(password_label_, password_, left, my);
    double by = y + kSlipHeight - kPad - bottom_height_;
    labelled(address_label_, address_, left, by);
    by += address_.height() + 3 * scale;
    expires_.draw(cr_, left, by);
    by += expires_.height() + 2 * scale;
    made_at_.draw(cr_, left, by);
    return ok_status();
  }

 private:
  // Sets every field at `scale` and says whether the slip holds them all, none of them cut (but the
  // school's name, the same on every slip): a long name is better a little smaller than without its end.
  bool fits(const LoginSlipSheet& sheet, const LoginSlipText& slip, const QrPlace& qr, double scale) {
    const double full = kSlipWidth - 2 * kPad;
    const double column = kSlipWidth - kPad - qr.inset - qr.side - qr.quiet - kQrGap - 1;  // 1: the code's rounding
    school_.set(sheet.school, column, scale);
    name_.set(slip.name, column, scale);
    role_.set(slip.role, column, scale);
    const double left_height = school_.height() + 2 * scale + name_.height() + 2 * scale + role_.height();
    top_height_ = std::max(left_height, qr.inset - kPad + 1 + qr.side + qr.quiet);

    login_label_.set("Логин:", full, scale);
    password_label_.set("Пароль:", full, scale);
    address_label_.set("Адрес:", full, scale);
    label_width_ = std::max({login_label_.width(), password_label_.width(), address_label_.width()}) + kLabelGap * scale;
    const double value = full - label_width_;
    login_.set(slip.login, value, scale);
    password_.set(slip.password, value, scale);
    const double middle = 5 * scale + login_.height() + 2 * scale + password_.height();

    address_.set(slip.address, value, scale);
    expires_.set(slip.expires, full, scale);
    made_at_.set(sheet.made_at, full, scale);
    bottom_height_ = address_.height() + 3 * scale + expires_.height() + 2 * scale + made_at_.height();
    for (const Field* f : {&name_, &role_, &login_, &password_, &address_, &expires_, &made_at_})
      if (f->cut()) return false;
    return top_height_ + middle + 6 * scale + bottom_height_ <= kSlipHeight - 2 * kPad;
  }

  // "Пароль:" on the password's first baseline, the value in a column after the longest label.
  void labelled(const Field& label, const Field& value, double x, double y) {
    label.draw(cr_, x, y + value.baseline() - label.baseline());
    value.draw(cr_, x + label_width_, y);
  }

  // Each run of dark modules as one stroke along its row's middle: half the numbers of a rectangle,
  // which is most of what a page of eight codes writes and compresses.
  void draw_qr(const qr::QrModules& modules, double x, double y, double module) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
    // A hair over a module high, so that neighbouring rows leave no white seams in a viewer.
    cairo_set_line_width(cr_, module + 0.05);
    for (const auto& run : qr::dark_runs(modules)) {
      const double row = y + (run.y + 0.5) * module;
      cairo_move_to(cr_, x + run.x * module, row);
      cairo_line_to(cr_, x + (run.x + run.length) * module, row);
    }
    cairo_stroke(cr_);
  }

  cairo_t* cr_;
  ContextPtr context_;
  Field school_, name_, role_, login_label_, password_label_, address_label_, login_, password_, address_, expires_, made_at_;
  double top_height_ = 0, bottom_height_ = 0;
  double label_width_ = 0;
};

double slip_x(std::size_t slot) { return kSheetMargin + static_cast<double>(slot % kColumns) * kSlipWidth; }
double slip_y(std::size_t slot) { return kSheetMargin + static_cast<double>(slot / kColumns) * kSlipHeight; }

// Dashed lines along the borders of the page's first `used` slips — each border once, and none
// around the empty places of a last page.
void draw_cut_marks(cairo_t* cr, std::size_t used) {
  std::set<std::tuple<bool, std::size_t, std::size_t>> edges;  // (vertical, line, cell along it)
  for (std::size_t slot = 0; slot < used; ++slot) {
    const std::size_t row = slot / kColumns, column = slot % kColumns;
    edges.insert({false, row, column});
    edges.insert({false, row + 1, column});
    edges.insert({true, column, row});
    edges.insert({true, column + 1, row});
  }
  for (const auto& [vertical, line, cell] : edges) {
    if (vertical) {
      const double x = kSheetMargin + static_cast<double>(line) * kSlipWidth, y = kSheetMargin + static_cast<double>(cell) * kSlipHeight;
      cairo_move_to(cr, x, y);
      cairo_line_to(cr, x, y + kSlipHeight);
    } else {
      const double x = kSheetMargin + static_cast<double>(cell) * kSlipWidth, y = kSheetMargin + static_cast<double>(line) * kSlipHeight;
      cairo_move_to(cr, x, y);
      cairo_line_to(cr, x + kSlipWidth, y);
    }
  }
  static constexpr double kDash[] = {4, 3};
  cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
  cairo_set_line_width(cr, 0.6);
  cairo_set_dash(cr, kDash, 2, 0);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

}  // namespace

Result<std::string> login_slips_pdf(const LoginSlipSheet& sheet) {
  if (sheet.slips.empty())
    return make_error(Errc::invalid_input, "login_slips.none", "there are no login slips to print; choose a class or people first");
  if (sheet.slips.size() > kMaxSlips)
    return make_error(Errc::invalid_input, "login_slips.too_many",
                      std::to_string(sheet.slips.size()) + " login slips are more than a whole school (at most " +
                          std::to_string(kMaxSlips) + "); print them class by class");

  PdfSurface pdf(kPageWidth, kPageHeight, "Логины и пароли — " + sheet.school);
  if (auto s = pdf.status(); !s) return s.error();
  cairo_t* const cr = pdf.cr();
  {
    SlipPainter painter(cr);
    for (std::size_t i = 0; i < sheet.slips.size(); ++i) {
      const std::size_t slot = i % kSlipsPerPage;
      if (auto s = painter.draw(sheet, sheet.slips[i], slip_x(slot), slip_y(slot)); !s) return s.error();
      if (slot + 1 == kSlipsPerPage || i + 1 == sheet.slips.size()) {
        draw_cut_marks(cr, slot + 1);
        cairo_show_page(cr);
      }
    }
  }
  return pdf.finish();
}

}  // namespace classbook::docs
