// documents: cairo drawing of slips and cards; codes come from ZXing's writer as filled modules.
#include "documents.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <cairo.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace classbook::corpus {
namespace {

constexpr double kPxPerMm = 10.0;  // documents are drawn finer than any camera will see them

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

// A drawing surface measured in millimetres.
class Sheet {
 public:
  Sheet(double width_mm, double height_mm)
      : surface_(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(width_mm * kPxPerMm),
                                            static_cast<int>(height_mm * kPxPerMm))),
        cr_(cairo_create(surface_.get())) {
    cairo_scale(cr_.get(), kPxPerMm, kPxPerMm);
  }
  cairo_t* cr() { return cr_.get(); }

  void fill_rect(double x, double y, double w, double h, double grey) {
    cairo_set_source_rgb(cr(), grey, grey, grey);
    cairo_rectangle(cr(), x, y, w, h);
    cairo_fill(cr());
  }
  void text(double x, double y, double size_mm, const std::string& utf8, double grey = 0.1, bool bold = false) {
    cairo_select_font_face(cr(), "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr(), size_mm);
    cairo_set_source_rgb(cr(), grey, grey, grey);
    cairo_move_to(cr(), x, y);
    cairo_show_text(cr(), utf8.c_str());
  }
  // Draws a code whose modules are `module_mm`; a linear code's bars are `bar_mm` tall. The white
  // quiet zone is drawn too: `quiet` modules on every side.
  void code(ZXing::BarcodeFormat format, const std::string& text, double x, double y, double module_mm,
            double bar_mm, int quiet) {
    const ZXing::BitMatrix bits =
        ZXing::MultiFormatWriter(format).setEncoding(ZXing::CharacterSet::UTF8).setMargin(0).encode(text, 0, 0);
    const bool linear = bar_mm > 0;
    const double row_h = linear ? bar_mm : module_mm;
    const int rows = linear ? 1 : bits.height();
    const double q = quiet * module_mm;
    fill_rect(x - q, y - (linear ? module_mm * 4 : q), bits.width() * module_mm + 2 * q,
              rows * row_h + (linear ? module_mm * 8 : 2 * q), 1.0);
    cairo_set_source_rgb(cr(), 0.05, 0.05, 0.05);
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < bits.width(); ++c) {
        if (bits.get(c, r)) cairo_rectangle(cr(), x + c * module_mm, y + r * row_h, module_mm, row_h);
      }
    }
    cairo_fill(cr());
  }
  static double code_width(ZXing::BarcodeFormat format, const std::string& text, double module_mm) {
    return ZXing::MultiFormatWriter(format).setMargin(0).encode(text, 0, 0).width() * module_mm;
  }

  drivers::GreyImage grey() {
    cairo_surface_flush(surface_.get());
    drivers::GreyImage image;
    image.width = cairo_image_surface_get_width(surface_.get());
    image.height = cairo_image_surface_get_height(surface_.get());
    const int stride = cairo_image_surface_get_stride(surface_.get());
    const unsigned char* data = cairo_image_surface_get_data(surface_.get());
    image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        std::uint32_t px;
        std::memcpy(&px, data + static_cast<std::ptrdiff_t>(y) * stride + 4 * x, 4);
        const unsigned r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
        image.pixels[static_cast<std::size_t>(y) * image.width + x] =
            static_cast<std::uint8_t>((306 * r + 601 * g + 117 * b + 0x200) >> 10);
      }
    }
    return image;
  }

 private:
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface_;
  std::unique_ptr<cairo_t, CairoDeleter> cr_;
};

void rounded_card(Sheet& s, double w, double h) {
  // Outside the rounded corners the camera sees the desk: the sheet has no transparency, so paint
  // those bits the desk's grey.
  s.fill_rect(0, 0, w, h, 0.46);
  cairo_t* cr = s.cr();
  const double r = 3.0;
  cairo_new_sub_path(cr);
  cairo_arc(cr, w - r, r, r, -1.5708, 0);
  cairo_arc(cr, w - r, h - r, r, 0, 1.5708);
  cairo_arc(cr, r, h - r, r, 1.5708, 3.14159);
  cairo_arc(cr, r, r, r, 3.14159, 4.71239);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.97, 0.97, 0.95);
  cairo_fill(cr);
}

}  // namespace

std::string with_ean13_check_digit(const std::string& twelve) {
  int sum = 0;
  for (std::size_t i = 0; i < 12 && i < twelve.size(); ++i) sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return twelve + static_cast<char>('0' + (10 - sum % 10) % 10);
}

Document login_slip(const Pupil& p, bool with_code) {
  constexpr double w = 105, h = 74;
  Sheet s(w, h);
  s.fill_rect(0, 0, w, h, 0.98);
  // The dashed cut line the secretary's printer leaves around each slip.
  cairo_set_source_rgb(s.cr(), 0.55, 0.55, 0.55);
  cairo_set_line_width(s.cr(), 0.25);
  const double dash[] = {1.5, 1.0};
  cairo_set_dash(s.cr(), dash, 2, 0);
  cairo_rectangle(s.cr(), 1.5, 1.5, w - 3, h - 3);
  cairo_stroke(s.cr());

  s.text(6, 11, 4.2, "Classbook · Школа № 17", 0.1, true);
  s.text(6, 19, 3.0, "Вход в электронный дневник");
  s.text(6, 29, 3.2, "Ученик: " + p.name + ", " + p.klass);
  s.text(6, 36, 3.2, "Логин: " + p.login);
  s.text(6, 43, 3.2, "Пароль: выдан лично");
  s.text(6, 55, 2.6, "Сохраните листок: он нужен для входа", 0.35);
  s.text(6, 60, 2.6, "на киоске и восстановления пароля.", 0.35);
  Document doc;
  if (with_code) {
    const std::string text = "classbook:login:" + p.login;
    s.code(ZXing::BarcodeFormat::QRCode, text, 68, 16, 1.0, 0, 4);
    s.text(68, 66, 2.4, "Покажите код камере", 0.35);
    doc.codes.push_back({"QRCode", text});
  }
  doc.image = s.grey();
  return doc;
}

Document card_front(const Pupil& p) {
  constexpr double w = 85.6, h = 54;
  Sheet s(w, h);
  rounded_card(s, w, h);
  s.fill_rect(0, 4, w, 9, 0.25);
  s.text(4, 10.5, 3.6, "Школа № 17 · Ученический билет", 0.97, true);
  s.fill_rect(4, 16, 17, 21, 0.78);  // photo
  cairo_set_source_rgb(s.cr(), 0.6, 0.6, 0.6);
  cairo_arc(s.cr(), 12.5, 23.5, 4.5, 0, 6.2832);
  cairo_fill(s.cr());
  s.text(24, 21, 3.4, p.name, 0.1, true);
  s.text(24, 26.5, 3.0, p.klass + " · 2026/27");
  const std::string qr = "classbook:card:" + p.card_id;
  s.code(ZXing::BarcodeFormat::QRCode, qr, 60.5, 16.5, 0.75, 0, 3);
  // Bars of 0.38 mm: at the 0.3 mm of a shop label a camera a card's width away sees under two
  // pixels per bar, and misses it (the corpus showed it).
  const double bar_w = Sheet::code_width(ZXing::BarcodeFormat::Code128, p.card_id, 0.38);
  s.code(ZXing::BarcodeFormat::Code128, p.card_id, 5, 41, 0.38, 7, 10);
  s.text(5 + bar_w + 5, 47, 3.0, p.card_id);
  return Document{s.grey(), {{"QRCode", qr}, {"Code128", p.card_id}}};
}

Document card_back(const Pupil& p) {
  constexpr double w = 85.6, h = 54;
  Sheet s(w, h);
  rounded_card(s, w, h);
  s.text(4, 7, 2.6, "Нашли карту? Верните её в школу № 17,", 0.3);
  s.text(4, 11, 2.6, "ул. Садовая, 5. Спасибо!", 0.3);
  const std::string dm = "classbook:card:" + p.card_id;
  const double module = 0.9;
  const double dm_w = Sheet::code_width(ZXing::BarcodeFormat::DataMatrix, dm, module);
  // In the middle of the card: a card held up to the camera puts it across the frame's centre.
  s.code(ZXing::BarcodeFormat::DataMatrix, dm, (w - dm_w) / 2, 17, module, 0, 2);
  s.code(ZXing::BarcodeFormat::EAN13, p.ean13, 39, 40, 0.4, 8, 9);  // 120 % size, as for the Code 128
  s.text(44, 52.5, 2.6, p.ean13, 0.2);
  return Document{s.grey(), {{"DataMatrix", dm}, {"EAN-13", p.ean13}}};
}

}  // namespace classbook::corpus
