// documents: the flat pictures the corpus photographs — a login slip and the two faces of a pupil
// card — drawn with cairo (text in DejaVu Sans, Cyrillic included) and ZXing's writer (codes).
#pragma once

#include <string>
#include <vector>

#include "drivers/scan/frame.hpp"

namespace classbook::corpus {

// A code printed on a document, as the corpus expects it back: format name as CodeScan names it.
struct PrintedCode {
  std::string format;
  std::string text;
};

struct Document {
  drivers::GreyImage image;
  std::vector<PrintedCode> codes;
};

struct Pupil {
  std::string name;     // "Анна Петрова"
  std::string klass;    // "5 «Б»"
  std::string login;    // "anna.petrova"
  std::string card_id;  // "E37A5C1D"
  std::string ean13;    // the card's shop-style number, 13 digits
};

// A login slip (105 x 74 mm) with a QR code "classbook:login:<login>" and a few lines of text;
// `with_code` false gives the same slip with no code at all.
Document login_slip(const Pupil& pupil, bool with_code = true);
// The card's front (85.6 x 54 mm): a QR code "classbook:card:<id>" and the id as Code 128.
Document card_front(const Pupil& pupil);
// The card's back: a DataMatrix "classbook:card:<id>" in the middle, an EAN-13 in a corner.
Document card_back(const Pupil& pupil);

// The EAN-13 check digit appended to 12 digits.
std::string with_ean13_check_digit(const std::string& twelve_digits);

}  // namespace classbook::corpus
