// camera: homography from the frame onto the document, supersampled; then light, blur, noise.
#include "camera.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <vector>

namespace classbook::corpus {
namespace {

using Point = std::array<double, 2>;
using Homography = std::array<double, 9>;

constexpr int kSupersample = 3;  // 3x3 samples per frame pixel: the document is minified ~2x
constexpr double kPi = 3.14159265358979323846;

// The projective map taking from[i] to to[i] (h33 = 1), by Gaussian elimination on the 8x8 system.
Homography solve_homography(const std::array<Point, 4>& from, const std::array<Point, 4>& to) {
  double a[8][9] = {};
  for (int i = 0; i < 4; ++i) {
    const double x = from[i][0], y = from[i][1], u = to[i][0], v = to[i][1];
    const double r1[9] = {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
    const double r2[9] = {0, 0, 0, x, y, 1, -v * x, -v * y, v};
    std::copy(r1, r1 + 9, a[2 * i]);
    std::copy(r2, r2 + 9, a[2 * i + 1]);
  }
  for (int c = 0; c < 8; ++c) {
    int pivot = c;
    for (int r = c + 1; r < 8; ++r) {
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    }
    std::swap(a[c], a[pivot]);
    for (int r = 0; r < 8; ++r) {
      if (r == c) continue;
      const double f = a[r][c] / a[c][c];
      for (int k = c; k < 9; ++k) a[r][k] -= f * a[c][k];
    }
  }
  Homography h{};
  for (int i = 0; i < 8; ++i) h[i] = a[i][8] / a[i][i];
  h[8] = 1;
  return h;
}

Point apply(const Homography& h, double x, double y) {
  const double w = h[6] * x + h[7] * y + h[8];
  return {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
}

double bilinear(const drivers::GreyImage& img, double x, double y) {
  x = std::clamp(x - 0.5, 0.0, img.width - 1.001);
  y = std::clamp(y - 0.5, 0.0, img.height - 1.001);
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const double fx = x - x0, fy = y - y0;
  const auto at = [&](int xx, int yy) { return double(img.pixels[static_cast<std::size_t>(yy) * img.width + xx]); };
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
         (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

// A wooden desk: warm mid-grey with slow, faint grain (nothing a barcode reader should take for bars).
double desk(double x, double y, double width) {
  const double s = width / 640.0;
  return 118 + 9 * std::sin(x / (37 * s) + 3 * std::sin(y / (91 * s))) + 5 * std::sin(y / (13 * s) + x / (160 * s));
}

std::vector<double> gaussian_kernel(double sigma) {
  const int r = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  std::vector<double> k(static_cast<std::size_t>(2 * r + 1));
  double sum = 0;
  for (int i = -r; i <= r; ++i) sum += k[static_cast<std::size_t>(i + r)] = std::exp(-0.5 * i * i / (sigma * sigma));
  for (double& v : k) v /= sum;
  return k;
}

void blur(std::vector<double>& img, int w, int h, double sigma) {
  if (sigma <= 0) return;
  const std::vector<double> k = gaussian_kernel(sigma);
  const int r = static_cast<int>(k.size() / 2);
  std::vector<double> tmp(img.size());
  for (int pass = 0; pass < 2; ++pass) {
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        double acc = 0;
        for (int i = -r; i <= r; ++i) {
          const int xx = pass == 0 ? std::clamp(x + i, 0, w - 1) : x;
          const int yy = pass == 1 ? std::clamp(y + i, 0, h - 1) : y;
          acc += k[static_cast<std::size_t>(i + r)] * img[static_cast<std::size_t>(yy) * w + xx];
        }
        tmp[static_cast<std::size_t>(y) * w + x] = acc;
      }
    }
    img.swap(tmp);
  }
}

}  // namespace

drivers::GreyImage photograph(const drivers::GreyImage& doc, const Shot& shot) {
  const int w = shot.width, h = shot.height;
  // Where the document's corners land in the frame: a rectangle, its top edge shortened (tilt),
  // turned about its centre, moved.
  const double hw = shot.doc_width / 2, hh = hw * doc.height / doc.width;
  std::array<Point, 4> corners = {Point{-hw * (1 - shot.tilt), -hh}, Point{hw * (1 - shot.tilt), -hh},
                                  Point{hw, hh}, Point{-hw, hh}};
  const double a = shot.angle_deg * kPi / 180, c = std::cos(a), s = std::sin(a);
  for (Point& p : corners) {
    p = {w / 2.0 + shot.shift_x + c * p[0] - s * p[1], h / 2.0 + shot.shift_y + s * p[0] + c * p[1]};
  }
  const std::array<Point, 4> doc_corners = {Point{0, 0}, Point{double(doc.width), 0},
                                            Point{double(doc.width), double(doc.height)}, Point{0, double(doc.height)}};
  const Homography to_doc = solve_homography(corners, doc_corners);

  std::vector<double> img(static_cast<std::size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      double acc = 0;
      for (int sy = 0; sy < kSupersample; ++sy) {
        for (int sx = 0; sx < kSupersample; ++sx) {
          const double fx = x + (sx + 0.5) / kSupersample, fy = y + (sy + 0.5) / kSupersample;
          const Point d = apply(to_doc, fx, fy);
          const bool on_doc = shot.document && d[0] >= 0 && d[1] >= 0 && d[0] < doc.width && d[1] < doc.height;
          acc += on_doc ? bilinear(doc, d[0], d[1]) : desk(fx, fy, w);
        }
      }
      img[static_cast<std::size_t>(y) * w + x] = acc / (kSupersample * kSupersample);
    }
  }

  blur(img, w, h, shot.blur_sigma);

  std::mt19937 rng(shot.seed);
  std::normal_distribution<double> noise(0.0, std::max(shot.noise_sigma, 1e-9));
  drivers::GreyImage out{w, h, std::vector<std::uint8_t>(img.size())};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const double nx = double(x) / w, ny = double(y) / h;
      const double r2 = (nx - 0.5) * (nx - 0.5) + (ny - 0.5) * (ny - 0.5);
      double gain = (1 - shot.light_gradient * nx) * (1 - shot.vignette * 2 * r2);
      // The shadow: an ellipse around (0.2, 0.85) with a soft edge.
      const double sd = std::hypot((nx - 0.2) / 0.35, (ny - 0.85) / 0.45);
      gain *= 1 - shot.shadow * std::clamp(1.6 - sd, 0.0, 1.0);
      double v = img[static_cast<std::size_t>(y) * w + x] * gain;
      v = shot.black + (shot.white - shot.black) * v / 255.0 + noise(rng);
      out.pixels[static_cast<std::size_t>(y) * w + x] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
    }
  }
  return out;
}

}  // namespace classbook::corpus
