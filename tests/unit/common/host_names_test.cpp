// Tests of host name and address syntax (what a certificate and the CA's constraints may list).
#include <catch2/catch.hpp>

#include "classbook/common/host_names.hpp"

using namespace classbook;

TEST_CASE("is_ip_address tells addresses from names") {
  CHECK(is_ip_address("127.0.0.1"));
  CHECK(is_ip_address("::1"));
  CHECK(is_ip_address("fd00::7"));
  CHECK_FALSE(is_ip_address("localhost"));
  CHECK_FALSE(is_ip_address("1.2.3"));
  CHECK_FALSE(is_ip_address("1.2.3.4 "));
}

TEST_CASE("is_dns_name takes host names and refuses what is not one") {
  for (const char* good : {"localhost", "classbook", "box.school57.local", "*.school.lan", "a-b_c.ru"}) {
    INFO(good);
    CHECK(is_dns_name(good));
  }
  for (const char* bad : {"", ".", "a..b", "box.", "*.", "a b", "bad/name", "ящик.рф"}) {
    INFO(bad);
    CHECK_FALSE(is_dns_name(bad));
  }
  CHECK_FALSE(is_dns_name(std::string(64, 'a') + ".local"));  // a label past 63 bytes
}

TEST_CASE("ip_address_octets gives 4 or 16 bytes, or nothing") {
  CHECK(ip_address_octets("192.168.1.10") == std::string("\xC0\xA8\x01\x0A", 4));
  CHECK(ip_address_octets("fd00::1").size() == 16);
  CHECK(ip_address_octets("192.168.1.10x").empty());
}
