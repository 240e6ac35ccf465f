// file_frame_source: images loaded at start, handed out one per interval.
#include "drivers/scan/file_frame_source.hpp"

#include <thread>

#include "drivers/scan/image_file.hpp"

namespace classbook::drivers {

// The grey of an empty desk under a kiosk's camera.
constexpr std::uint8_t kBlankGrey = 200;

FileFrameSource::FileFrameSource(std::vector<std::string> paths, FileFrameOptions options)
    : paths_(std::move(paths)), options_(options) {}

std::string FileFrameSource::name() const {
  if (paths_.size() == 1) return paths_.front();
  return std::to_string(paths_.size()) + " image files";
}

Status FileFrameSource::start() {
  stop();
  if (paths_.empty()) return make_error(Errc::not_found, "camera.no_image_files", "no image files to show the camera");
  std::vector<GreyImage> images;
  for (const std::string& path : paths_) {
    Result<GreyImage> image = load_png_grey(path);
    if (!image) return image.error();
    images.push_back(std::move(*image));
  }
  images_ = std::move(images);
  const GreyImage& last = images_.back();
  blank_ = GreyImage{last.width, last.height, std::vector<std::uint8_t>(last.pixels.size(), kBlankGrey)};
  position_ = 0;
  started_ = true;
  due_ = std::chrono::steady_clock::now();
  return ok_status();
}

Result<std::optional<FrameView>> FileFrameSource::next(std::chrono::milliseconds timeout) {
  if (!started_) return make_error(Errc::internal, "camera.not_started", "the image files are not loaded (start() first)");
  const auto now = std::chrono::steady_clock::now();
  if (due_ > now + timeout) {
    std::this_thread::sleep_for(timeout);
    return std::optional<FrameView>{};
  }
  if (due_ > now) std::this_thread::sleep_for(due_ - now);
  due_ = std::max(due_, now) + options_.interval;

  if (position_ >= images_.size() && options_.loop) position_ = 0;
  if (position_ >= images_.size()) return std::optional<FrameView>{blank_.view()};
  return std::optional<FrameView>{images_[position_++].view()};
}

void FileFrameSource::stop() {
  started_ = false;
  images_.clear();
  blank_ = GreyImage{};
}

}  // namespace classbook::drivers
