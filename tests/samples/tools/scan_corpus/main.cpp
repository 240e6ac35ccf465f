// classbook-scan-corpus: writes the golden scanning corpus (tests/samples/scan/*.png + *.txt) —
// login slips and pupil cards photographed under the troubles a kiosk camera meets, and a few
// pictures with nothing readable in them. Deterministic: the same build writes the same files.
//
//   ninja -C build classbook-scan-corpus && build/tests/unit/drivers/scan/classbook-scan-corpus tests/samples/scan
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "camera.hpp"
#include "documents.hpp"
#include "drivers/scan/image_file.hpp"

using namespace classbook;
using namespace classbook::corpus;

namespace {

enum class Doc { slip, slip_without_code, card_front, card_back, nothing };

struct Sample {
  std::string name;
  Doc doc;
  Shot shot;
  std::string note;             // the first line of the .txt: what the picture shows
  std::string unreadable = {};  // when set, nothing is expected, and this says why
};

const Pupil anna{"Анна Петрова", "5 «Б»", "anna.petrova", "E37A5C1D", with_ean13_check_digit("200017000042")};
const Pupil boris{"Борис Иванов", "9 «А»", "boris.ivanov", "0457A1B2", with_ean13_check_digit("200017000117")};

Shot shot(double doc_width, double angle, unsigned seed) {
  Shot s;
  s.doc_width = doc_width;
  s.angle_deg = angle;
  s.seed = seed;
  return s;
}
template <class F>
Shot with(Shot s, F change) {
  change(s);
  return s;
}

std::vector<Sample> samples() {
  return {
      {"slip_plain", Doc::slip, shot(440, 2, 1), "login slip, held almost straight"},
      {"slip_turned_8deg", Doc::slip, shot(430, -8, 2), "login slip turned by 8 degrees"},
      {"slip_turned_90", Doc::slip, shot(400, 90, 3), "login slip turned on its side"},
      {"slip_upside_down", Doc::slip, shot(440, 181, 4), "login slip upside down"},
      {"slip_blurred", Doc::slip, with(shot(440, 3, 5), [](Shot& s) { s.blur_sigma = 1.8; }), "login slip out of focus"},
      {"slip_noisy", Doc::slip, with(shot(440, -4, 6), [](Shot& s) { s.noise_sigma = 14; }), "login slip, noisy dim-light sensor"},
      {"slip_low_contrast", Doc::slip, with(shot(440, 1, 7), [](Shot& s) { s.black = 95; s.white = 165; }),
       "login slip, washed-out low contrast"},
      {"slip_uneven_light", Doc::slip, with(shot(450, -3, 8), [](Shot& s) { s.light_gradient = 0.55; s.vignette = 0.5; s.shadow = 0.45; }),
       "login slip under a lamp to one side, a hand's shadow"},
      {"slip_tilted", Doc::slip, with(shot(430, 5, 9), [](Shot& s) { s.tilt = 0.18; }), "login slip tilted away from the camera"},
      {"slip_small_frame", Doc::slip, with(shot(230, -2, 10), [](Shot& s) { s.width = 320; s.height = 240; }),
       "login slip in a 320x240 frame"},
      {"slip_boris_far", Doc::slip, with(shot(330, 12, 11), [](Shot& s) { s.shift_x = 40; s.shift_y = -20; }),
       "another pupil's slip, further away and off-centre"},
      {"card_front_plain", Doc::card_front, shot(480, -1, 21), "pupil card front: QR code and Code 128"},
      {"card_front_turned_6deg", Doc::card_front, shot(470, 6, 22), "pupil card front turned by 6 degrees"},
      {"card_front_turned_270", Doc::card_front, shot(440, 270, 23), "pupil card front turned on its side"},
      {"card_front_blurred", Doc::card_front, with(shot(540, 2, 24), [](Shot& s) { s.blur_sigma = 1.0; }),
       "pupil card front slightly out of focus"},
      {"card_front_noisy", Doc::card_front, with(shot(490, -2, 25), [](Shot& s) { s.noise_sigma = 9; }), "pupil card front, noisy"},
      {"card_front_tilted", Doc::card_front, with(shot(480, -3, 26), [](Shot& s) { s.tilt = 0.12; }), "pupil card front tilted"},
      {"card_front_low_contrast", Doc::card_front, with(shot(490, 1, 27), [](Shot& s) { s.black = 80; s.white = 170; }),
       "pupil card front, low contrast"},
      {"card_back_plain", Doc::card_back, shot(480, 1, 31), "pupil card back: DataMatrix and EAN-13"},
      {"card_back_turned_7deg", Doc::card_back, shot(470, -7, 32), "pupil card back turned by 7 degrees"},
      {"card_back_upside_down", Doc::card_back, shot(480, 180, 33), "pupil card back upside down"},
      {"card_back_uneven_light", Doc::card_back, with(shot(490, 2, 34), [](Shot& s) { s.light_gradient = 0.5; s.vignette = 0.4; }),
       "pupil card back under uneven light"},
      {"card_back_small_frame", Doc::card_back, with(shot(390, 1, 35), [](Shot& s) { s.width = 424; s.height = 318; }),
       "pupil card back in a 424x318 frame"},
      {"card_back_off_centre", Doc::card_back, with(shot(480, 0, 36), [](Shot& s) { s.shift_x = -140; s.shift_y = -109; }),
       "pupil card back held to the upper left: the DataMatrix misses the frame's centre lines"},
      {"none_empty_desk", Doc::nothing, with(shot(0, 0, 41), [](Shot& s) { s.document = false; }), "the desk, nobody there",
       "no code in the picture"},
      {"none_slip_without_code", Doc::slip_without_code, shot(440, 3, 42), "the text of a login slip without its code",
       "text only"},
      {"none_slip_very_blurred", Doc::slip, with(shot(440, 2, 43), [](Shot& s) { s.blur_sigma = 7; }),
       "login slip far out of focus", "too blurred to read"},
      {"none_card_mostly_outside", Doc::card_front, with(shot(480, 0, 44), [](Shot& s) { s.shift_x = 300; }),
       "pupil card front half out of the frame: the QR code outside, the Code 128 cut", "the codes are out of the frame or cut"},
  };
}

Document document_for(Doc d) {
  switch (d) {
    case Doc::slip: return login_slip(anna);
    case Doc::slip_without_code: return login_slip(anna, false);
    case Doc::card_front: return card_front(anna);
    case Doc::card_back: return card_back(anna);
    case Doc::nothing: return login_slip(anna, false);  // not shown: Shot::document is false
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: classbook-scan-corpus OUTPUT_DIR   (normally tests/samples/scan)\n");
    return 2;
  }
  const std::string dir = argv[1];
  for (const Sample& s : samples()) {
    Document doc = s.name == "slip_boris_far" ? login_slip(boris) : document_for(s.doc);
    const drivers::GreyImage frame = photograph(doc.image, s.shot);
    if (Status saved = drivers::save_png_grey(frame, dir + "/" + s.name + ".png"); !saved) {
      std::fprintf(stderr, "classbook-scan-corpus: %s\n", saved.error().message.c_str());
      return 1;
    }
    std::ofstream txt(dir + "/" + s.name + ".txt");
    txt << "# " << s.note << "\n";
    if (!s.unreadable.empty()) {
      txt << "# nothing is expected: " << s.unreadable << "\n";
    } else {
      for (const PrintedCode& c : doc.codes) txt << c.format << ": " << c.text << "\n";
    }
    if (!txt) {
      std::fprintf(stderr, "classbook-scan-corpus: cannot write %s/%s.txt\n", dir.c_str(), s.name.c_str());
      return 1;
    }
    std::printf("%s\n", s.name.c_str());
  }
  // Cairo's and fontconfig's font caches, so that a sanitizer run ends without leaks.
  cairo_debug_reset_static_data();
  FcFini();
  return 0;
}
