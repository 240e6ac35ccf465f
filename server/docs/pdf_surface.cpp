// pdf_surface: a cairo PDF surface writing into a string.
#include "docs/pdf_surface.hpp"

namespace classbook::docs {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Error render_error(cairo_status_t status) {
  return make_error(Errc::unavailable, "document.render_failed",
                    std::string("the document could not be drawn (cairo: ") + cairo_status_to_string(status) + "); try again");
}

PdfSurface::PdfSurface(double width, double height, const std::string& title)
    : surface_(cairo_pdf_surface_create_for_stream(append_bytes, &out_, width, height), cairo_surface_destroy),
      cr_(nullptr, cairo_destroy) {
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) return;
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Classbook");
  cr_.reset(cairo_create(surface_.get()));
}

Status PdfSurface::status() const {
  if (auto st = cairo_surface_status(surface_.get()); st != CAIRO_STATUS_SUCCESS) return render_error(st);
  if (auto st = cairo_status(cr_.get()); st != CAIRO_STATUS_SUCCESS) return render_error(st);
  return ok_status();
}

Result<std::string> PdfSurface::finish() {
  if (auto s = status(); !s) return s.error();
  cr_.reset();
  cairo_surface_finish(surface_.get());
  if (auto st = cairo_surface_status(surface_.get()); st != CAIRO_STATUS_SUCCESS) return render_error(st);
  surface_.reset();
  return std::move(out_);
}

}  // namespace classbook::docs
