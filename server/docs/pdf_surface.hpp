// pdf_surface: the one way the documents open a PDF on cairo and end it as bytes — the stream into a
// string, the metadata, the checks of cairo's status. docs/'s own: it includes cairo, so nothing
// outside docs/ may include it (tests/layers checks that cairo stays inside docs).
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>

#include <memory>
#include <string>

#include "classbook/common/result.hpp"

namespace classbook::docs {

// 503-worthy: nothing to do but try again.
Error render_error(cairo_status_t status);

class PdfSurface {
 public:
  // A PDF of pages `width` × `height` points; `title` goes into its metadata.
  PdfSurface(double width, double height, const std::string& title);
  PdfSurface(const PdfSurface&) = delete;  // cairo writes into out_ by its address
  PdfSurface& operator=(const PdfSurface&) = delete;

  Status status() const;  // whether cairo could make it
  cairo_t* cr() const { return cr_.get(); }
  // Ends the document: its bytes, or why cairo failed.
  Result<std::string> finish();

 private:
  std::string out_;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_;
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr_;
};

}  // namespace classbook::docs
