// reader_profile: profile files (firmware-config/readers/*.conf) → ReaderProfile; the format is
// documented in firmware-config/README.md. Strict: a setting that does nothing is an error.
#include "drivers/card/reader_profile.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "classbook/common/config_text.hpp"

namespace classbook::drivers {
namespace {

constexpr std::int64_t max_debounce_ms = 60000;
constexpr std::int64_t min_key_gap_ms = 10, max_key_gap_ms = 2000;
constexpr std::int64_t min_poll_ms = 50, max_poll_ms = 5000;
constexpr std::uintmax_t max_profile_bytes = 64 * 1024;  // a profile is a dozen lines

// Which section belongs to which driver / kind of read; anything else in it is a mistake.
struct SectionRule {
  const char* section;
  bool (*applies)(DriverKind, ReadKind);
  const char* needs;
};
constexpr SectionRule section_rules[] = {
    {"uid", [](DriverKind, ReadKind r) { return r == ReadKind::card; }, "reads = card"},
    {"code", [](DriverKind, ReadKind r) { return r == ReadKind::code; }, "reads = code"},
    {"keyboard", [](DriverKind d, ReadKind) { return d == DriverKind::hid_wedge; }, "driver = hid-wedge"},
    {"ccid", [](DriverKind d, ReadKind) { return d == DriverKind::ccid; }, "driver = ccid"},
    {"serial", [](DriverKind d, ReadKind) { return d == DriverKind::cdc_acm; }, "driver = cdc-acm"},
    {"feedback", [](DriverKind d, ReadKind) { return d == DriverKind::ccid; },
     "driver = ccid (only a CCID reader's LED and buzzer can be driven)"},
};

const std::vector<std::string> known_keys = {
    "name", "reads", "debounce_ms",
    "usb.vendor", "usb.product", "usb.interface", "usb.driver",
    "uid.text", "uid.order", "uid.tech", "code.format",
    "keyboard.layout", "keyboard.terminator", "keyboard.key_gap_ms",
    "ccid.mode", "ccid.poll_ms", "serial.baud",
    "feedback.accepted", "feedback.unknown", "feedback.offline",
};

const std::vector<std::string> baud_rates = {"1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200"};

template <class T>
Status take(Result<T> r, T& out) {
  if (!r) return r.error();
  out = std::move(*r);
  return ok_status();
}

Status check_sections(const ConfigValues& v, DriverKind driver, ReadKind reads) {
  for (const auto& e : v.entries())
    for (const auto& rule : section_rules)
      if (e.section == rule.section && !rule.applies(driver, reads))
        return v.error_at(&e, "[" + e.section + "] settings apply only with " + rule.needs + "; remove '" + e.key + "'");
  return v.only(known_keys);
}

Status required(const ConfigValues& v, std::string_view section, std::string_view key, std::string_view example) {
  if (v.find(section, key)) return ok_status();
  const auto name = section.empty() ? std::string(key) : "[" + std::string(section) + "] " + std::string(key);
  return v.error_at(nullptr, name + " is missing (e.g. " + std::string(example) + ")");
}

Status read_uid(const ConfigValues& v, ReaderProfile& p) {
  std::string text, order, tech;
  if (auto s = take(v.choice("uid", "text", "hex", {"hex", "dec10", "w26"}), text); !s) return s;
  if (auto s = take(v.choice("uid", "order", "as-read", {"as-read", "reversed"}), order); !s) return s;
  if (auto s = take(v.choice("uid", "tech", "iso14443a", {"iso14443a", "em4100", "unknown"}), tech); !s) return s;
  p.uid.text = text == "dec10" ? UidText::dec10 : text == "w26" ? UidText::w26 : UidText::hex;
  p.uid.order = order == "reversed" ? ByteOrder::reversed : ByteOrder::as_read;
  p.uid.tech = tech == "em4100" ? CardTech::em4100 : tech == "unknown" ? CardTech::unknown : CardTech::iso14443a;
  if (p.driver != DriverKind::hid_wedge && p.uid.text != UidText::hex)
    return v.error_at(v.find("uid", "text"), "a " + std::string(to_string(p.driver)) +
                                                 " reader delivers bytes, so [uid] text is hex; dec10 and w26 are for hid-wedge");
  return ok_status();
}

Status read_driver_settings(const ConfigValues& v, ReaderProfile& p) {
  std::int64_t n = 0;
  std::string s;
  switch (p.driver) {
    case DriverKind::hid_wedge:
      if (auto r = take(v.choice("keyboard", "layout", "us", {"us"}), s); !r) return r;
      if (auto r = take(v.choice("keyboard", "terminator", "enter", {"enter", "tab", "none"}), s); !r) return r;
      p.terminator = s == "tab" ? Terminator::tab : s == "none" ? Terminator::none : Terminator::enter;
      if (auto r = take(v.integer("keyboard", "key_gap_ms", 100, min_key_gap_ms, max_key_gap_ms), n); !r) return r;
      p.key_gap = std::chrono::milliseconds(n);
      break;
    case DriverKind::ccid:
      if (auto r = take(v.choice("ccid", "mode", "pn532-direct", {"pn532-direct", "pcsc-getdata"}), s); !r) return r;
      p.ccid_mode = s == "pcsc-getdata" ? CcidMode::pcsc_getdata : CcidMode::pn532_direct;
      if (auto r = take(v.integer("ccid", "poll_ms", 250, min_poll_ms, max_poll_ms), n); !r) return r;
      p.poll_interval = std::chrono::milliseconds(n);
      for (auto [key, pattern] : {std::pair{"accepted", &p.on_accepted}, std::pair{"unknown", &p.on_unknown},
                                  std::pair{"offline", &p.on_offline}}) {
        const auto* e = v.find("feedback", key);
        if (!e) continue;
        auto parsed = parse_signal_pattern(e->value);
        if (!parsed) return v.error_at(e, "feedback." + std::string(key) + ": " + parsed.error().message);
        *pattern = std::move(*parsed);
      }
      break;
    case DriverKind::cdc_acm:
      if (auto r = take(v.choice("serial", "baud", "9600", baud_rates), s); !r) return r;
      p.baud = std::stoi(s);
      break;
  }
  return ok_status();
}

}  // namespace

const char* to_string(DriverKind d) {
  switch (d) {
    case DriverKind::hid_wedge: return "hid-wedge";
    case DriverKind::ccid: return "ccid";
    case DriverKind::cdc_acm: return "cdc-acm";
  }
  return "?";
}

Result<ReaderProfile> parse_reader_profile(std::string_view text, const std::string& file) {
  auto entries = parse_config_text(text, file);
  if (!entries) return entries.error();
  const ConfigValues v(std::move(*entries), file);
  ReaderProfile p;
  p.file = file;
  for (auto [section, key, example] : {std::tuple{"", "name", "name = ACS ACR122U"}, std::tuple{"usb", "vendor", "vendor = 0x072F"},
                                       std::tuple{"usb", "product", "product = 0x2200"},
                                       std::tuple{"usb", "driver", "driver = hid-wedge"}})
    if (auto s = required(v, section, key, example); !s) return s.error();
  std::string s;
  std::int64_t n = 0;
  if (auto r = take(v.choice("usb", "driver", "", {"hid-wedge", "ccid", "cdc-acm"}), s); !r) return r.error();
  p.driver = s == "ccid" ? DriverKind::ccid : s == "cdc-acm" ? DriverKind::cdc_acm : DriverKind::hid_wedge;
  if (auto r = take(v.choice("", "reads", "card", {"card", "code"}), s); !r) return r.error();
  p.reads = s == "code" ? ReadKind::code : ReadKind::card;
  if (p.reads == ReadKind::code && p.driver != DriverKind::hid_wedge)
    return v.error_at(v.find("", "reads"), "reads = code is for keyboard-mode scanners: it needs driver = hid-wedge");
  if (auto st = check_sections(v, p.driver, p.reads); !st) return st.error();

  if (auto r = take(v.text("", "name", ""), p.name); !r) return r.error();
  if (p.name.empty()) return v.error_at(v.find("", "name"), "name is empty; give the reader's make and model");
  if (auto r = take(v.integer("usb", "vendor", 0, 1, 0xFFFF), n); !r) return r.error();
  p.vendor_id = static_cast<std::uint16_t>(n);
  if (auto r = take(v.integer("usb", "product", 0, 0, 0xFFFF), n); !r) return r.error();
  p.product_id = static_cast<std::uint16_t>(n);
  if (auto r = take(v.integer("usb", "interface", 0, 0, 255), n); !r) return r.error();
  p.interface = static_cast<int>(n);
  if (auto r = take(v.integer("", "debounce_ms", 1500, 0, max_debounce_ms), n); !r) return r.error();
  p.debounce = std::chrono::milliseconds(n);
  if (p.reads == ReadKind::card) {
    if (auto st = read_uid(v, p); !st) return st.error();
  } else {
    if (auto r = take(v.text("code", "format", "unknown"), p.code_format); !r) return r.error();
  }
  if (auto st = read_driver_settings(v, p); !st) return st.error();
  return p;
}

Result<std::vector<ReaderProfile>> load_reader_profiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return make_error(Errc::unavailable, "reader_profile.folder_missing", "the reader profile folder " + dir + " does not exist (firmware-config/readers)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".conf" && e.is_regular_file(ec)) files.push_back(e.path());
  if (ec) return make_error(Errc::unavailable, "reader_profile.folder_unreadable", "cannot list the reader profiles in " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<ReaderProfile> out;
  for (const auto& f : files) {
    const auto size = fs::file_size(f, ec);
    if (ec || size > max_profile_bytes)
      return make_error(Errc::invalid_input, "reader_profile.file_unreadable", f.string() + ": " + (ec ? "cannot be read: " + ec.message() : "too large for a reader profile"));
    std::ifstream in(f, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) return make_error(Errc::unavailable, "reader_profile.file_unreadable", f.string() + ": cannot be read");
    auto p = parse_reader_profile(text, f.string());
    if (!p) return p.error();
    if (const auto* other = find_profile(out, p->vendor_id, p->product_id)) {
      char id[16];
      std::snprintf(id, sizeof id, "%04X:%04X", p->vendor_id, p->product_id);
      return make_error(Errc::invalid_input, "reader_profile.duplicate_device", f.string() + " and " + other->file + " both describe USB device " + id +
                                                 "; keep one of them");
    }
    out.push_back(std::move(*p));
  }
  return out;
}

const ReaderProfile* find_profile(const std::vector<ReaderProfile>& profiles, std::uint16_t vid, std::uint16_t pid) {
  for (const auto& p : profiles)
    if (p.vendor_id == vid && p.product_id == pid) return &p;
  return nullptr;
}

}  // namespace classbook::drivers
