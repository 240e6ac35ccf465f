// login_slips: the secretary's login slips — eight to an A4 page, cut apart and handed to pupils and
// parents: who it is for, the login and one-time password, and a QR code that opens the sign-in
// page with the login filled in. app/ gives the text in the school's words; this file lays it out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

struct LoginSlipText {
  std::string name;        // "Иванова Мария Сергеевна"
  std::string role;        // "обучающийся, 7А" or "родитель (законный представитель): Иванова Мария, 7А"
  std::string login;       // "ivanova.maria"
  std::string password;    // "k7m2-qx9p-4w" (one-time)
  std::string address;     // "https://journal.school.lan/" — typed by hand if the QR cannot be used
  std::string qr;          // "https://journal.school.lan/sign-in?login=ivanova.maria" — what the QR code holds
  std::string expires;     // "Пароль действует до 21.12.2026; при первом входе задайте свой."
};
struct LoginSlipSheet {
  std::string school;   // "ГБОУ Школа № 1" — on each slip
  std::string made_at;  // "07.12.2026 03:20 (МСК)" — small, on each slip
  std::vector<LoginSlipText> slips;
};
inline constexpr std::size_t kSlipsPerPage = 8;
inline constexpr std::size_t kMaxSlips = 5000;  // a whole school; more is a mistake upstream
// The slips as a PDF: A4 portrait, 2 columns × 4 rows, dashed cut marks between them. Fails when
// there are no slips or more than kMaxSlips, and when cairo fails (also when a slip's qr text cannot
// be a QR code: qr::qr_modules's error, e.g. qr.text_too_long).
Result<std::string> login_slips_pdf(const LoginSlipSheet& sheet);

}  // namespace classbook::docs
