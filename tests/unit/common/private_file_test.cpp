// Tests of write_private_file: the one writer of secrets — mode 0600, atomic replacement.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "classbook/common/crypto.hpp"
#include "classbook/common/private_file.hpp"

using namespace classbook;

TEST_CASE("write_private_file replaces a file atomically with mode 0600") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("classbook-private-file-test-" + random_token(8));
  fs::create_directories(dir);
  const std::string path = (dir / "ca.key").string();
  const std::string secret = "-----BEGIN PRIVATE KEY-----\n" + random_token(32) + "\n-----END PRIVATE KEY-----\n";

  REQUIRE(write_private_file(path, "first").ok());
  REQUIRE(write_private_file(path, secret).ok());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == secret);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temp left

  const auto missing = write_private_file((dir / "no-such-dir" / "x.key").string(), "x");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == Errc::unavailable);
  CHECK(missing.error().message.find("no-such-dir") != std::string::npos);
  fs::remove_all(dir);
}

