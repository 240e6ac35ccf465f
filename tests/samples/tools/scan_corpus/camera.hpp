// camera: a flat document photographed by a kiosk camera — placed on a desk, turned, tilted, out of
// focus, noisy, under uneven light, at low contrast. Pure pixel work, seeded, so the corpus can be
// made again byte for byte.
#pragma once

#include "drivers/scan/frame.hpp"

namespace classbook::corpus {

struct Shot {
  int width = 640, height = 480;  // the frame
  double doc_width = 420;         // how wide the document appears, in frame pixels
  double shift_x = 0, shift_y = 0;  // of the document's centre from the frame's centre, in pixels
  double angle_deg = 0;           // clockwise
  double tilt = 0;                // perspective: the document's far (top) edge is this much shorter
  double blur_sigma = 0.6;        // focus; a little even when sharp
  double noise_sigma = 0;         // sensor noise, in grey levels (it dominates the file size)
  double black = 0, white = 255;  // the frame's range: low contrast squeezes it
  double light_gradient = 0;      // brightness falls by this fraction from left to right
  double vignette = 0.15;         // corners darker by this fraction
  double shadow = 0;              // a soft shadow (a hand) over the lower left, darkening by this fraction
  bool document = true;           // false: the desk alone
  unsigned seed = 1;
};

drivers::GreyImage photograph(const drivers::GreyImage& document, const Shot& shot);

}  // namespace classbook::corpus
