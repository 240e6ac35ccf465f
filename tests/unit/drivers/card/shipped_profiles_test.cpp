// shipped profiles: every file in firmware-config/readers loads, and the udev rules grant the
// kiosk group exactly the profiled devices (a profile without a rule is a reader the kiosk cannot open).
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "drivers/card/reader_profile.hpp"
#include "drivers/reader.hpp"

using namespace classbook::drivers;

namespace {

using UsbId = std::pair<std::uint16_t, std::uint16_t>;

std::set<UsbId> rule_ids(const std::string& path, std::vector<std::string>& bad_lines) {
  std::ifstream in(path);
  REQUIRE(in);
  const std::regex id(R"re(ATTR\{idVendor\}=="([0-9a-f]{4})", ATTR\{idProduct\}=="([0-9a-f]{4})")re");
  const std::regex grant(R"re(MODE="0660", GROUP="classbook-kiosk"$)re");
  std::set<UsbId> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.find("idVendor") == std::string::npos) continue;
    std::smatch m;
    if (!std::regex_search(line, m, id) || !std::regex_search(line, grant)) {
      bad_lines.push_back(line);
      continue;
    }
    out.emplace(static_cast<std::uint16_t>(std::stoul(m[1], nullptr, 16)), static_cast<std::uint16_t>(std::stoul(m[2], nullptr, 16)));
  }
  return out;
}

}  // namespace

TEST_CASE("shipped profiles: every reader profile loads") {
  auto profiles = load_reader_profiles(CLASSBOOK_READER_PROFILES);
  INFO((profiles ? "" : profiles.error().message));
  REQUIRE(profiles);
  CHECK(profiles->size() >= 6);
  std::set<DriverKind> drivers;
  int scanners = 0;
  for (const auto& p : *profiles) {
    drivers.insert(p.driver);
    scanners += p.reads == ReadKind::code;
  }
  CHECK(drivers.size() == 3);  // hid-wedge, ccid and cdc-acm each have at least one real reader
  CHECK(scanners >= 1);
  const auto* acr = find_profile(*profiles, 0x072F, 0x2200);
  REQUIRE(acr);
  CHECK(acr->driver == DriverKind::ccid);
  CHECK_FALSE(acr->on_accepted.empty());
}

TEST_CASE("shipped profiles: the udev rules and the profiles list the same USB devices") {
  auto profiles = load_reader_profiles(CLASSBOOK_READER_PROFILES);
  REQUIRE(profiles);
  std::vector<std::string> bad;
  const auto rules = rule_ids(CLASSBOOK_UDEV_RULES, bad);
  INFO("rule lines not of the form ATTR{idVendor}==\"xxxx\", ATTR{idProduct}==\"yyyy\", MODE=\"0660\", GROUP=\"classbook-kiosk\"");
  CHECK(bad.empty());
  for (const auto& p : *profiles) {
    INFO(p.file << " has no udev line: add one to " << CLASSBOOK_UDEV_RULES);
    CHECK(rules.count({p.vendor_id, p.product_id}) == 1);
  }
  for (const auto& [vid, pid] : rules) {
    INFO("udev grants " << std::hex << vid << ":" << pid << " but no profile describes it");
    CHECK(find_profile(*profiles, vid, pid) != nullptr);
  }
}

TEST_CASE("reader text: states and feedback by name") {
  CHECK(std::string(to_string(ReaderState::absent)) == "absent");
  CHECK(std::string(to_string(ReaderState::opening)) == "opening");
  CHECK(std::string(to_string(ReaderState::ready)) == "ready");
  CHECK(std::string(to_string(ReaderState::failed)) == "failed");
  CHECK(std::string(to_string(Feedback::accepted)) == "accepted");
  CHECK(std::string(to_string(Feedback::unknown)) == "unknown");
  CHECK(std::string(to_string(Feedback::offline)) == "offline");
  CHECK(std::string(to_string(Feedback::error)) == "error");
}
