// enrol_client_test: enrolment against the loopback test box — CA by file or by fingerprint, the
// box's refusals, and that nothing is written until everything checks out.
#include <stdexcept>
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>

#include "classbook/common/private_file.hpp"
#include "kiosk/uplink/box_uplink.hpp"
#include "kiosk/uplink/enrol_client.hpp"
#include "kiosk/uplink/kiosk_tls.hpp"
#include "temp_dir.hpp"
#include "test_box.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr const char* good_code = "7KQ2-9XHM-3PLA";

struct EnrolRig {
  classbook::test::TempDir box_dir;
  classbook::test::TempDir kiosk_dir;
  TestPki pki{box_dir.path()};
  TestBox box{pki, TestBox::Options{false, {}}};  // asks for a client certificate, does not require one
  std::string answer_ca = pki.ca.cert_pem;

  EnrolRig() {
    box.handle([this](const SeenRequest& r) -> TestAnswer {
      if (r.target != "/api/v1/kiosks/enrol") return {404, "{}"};
      auto body = json::parse(r.body).as_object();
      if (body.at("code").as_string() != good_code)
        return {403, R"({"error":{"code":"enrolment_code_invalid","message":"the enrolment code is wrong, used or expired; ask the admin for a new one"}})"};
      auto cert = sign_client_csr(pki.ca, std::string(body.at("csr").as_string()), "Hall 2", 730);
      if (!cert) return {422, "{}"};
      return {201, json::serialize(json::object{{"kiosk", {{"id", "k7"}, {"name", "Hall 2"}, {"mode", "hall"}}},
                                                {"certificate", *cert}, {"ca", answer_ca}, {"school", "School 5"}})};
    });
  }
  EnrolOptions options() {
    EnrolOptions o;
    o.server = *parse_server_url(box.url());
    o.code = good_code;
    o.data_dir = kiosk_dir.file("data");
    o.timeout = 3000ms;
    return o;
  }
  std::string ca_file() {
    const auto path = box_dir.file("box-ca.crt");
    if (auto st = write_private_file(path, pki.ca.cert_pem); !st) throw std::runtime_error(st.error().message);
    return path;
  }
  bool wrote_anything() { return std::filesystem::exists(kiosk_dir.file("data")); }
};

int mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("enrolment with the CA file: key, certificate and CA land 0600, and they work") {
  EnrolRig k;
  auto o = k.options();
  o.ca_file = k.ca_file();
  auto report = enrol_kiosk(o);
  REQUIRE(report);
  CHECK(report->kiosk_name == "Hall 2");
  CHECK(report->mode == "hall");
  CHECK(report->school == "School 5");
  CHECK(report->ca_fingerprint == *certificate_fingerprint_sha256(k.pki.ca.cert_pem));
  CHECK_FALSE(report->replaced);
  for (const auto& f : {report->files.key, report->files.certificate, report->files.ca}) CHECK(mode_of(f) == 0600);
  CHECK(mode_of(o.data_dir) == 0700);
  REQUIRE(k.box.seen().size() == 1);
  CHECK(k.box.seen()[0].client_name.empty());

  // The new identity speaks mutual TLS to a box that requires it.
  TestBox strict(k.pki);
  strict.handle([](const SeenRequest&) { return TestAnswer{200, "{}"}; });
  auto tls = kiosk_tls_context(report->files);
  REQUIRE(tls);
  boost::asio::io_context io;
  HttpsClient client(io, **tls, {"127.0.0.1", strict.port(), "127.0.0.1", 3000ms});
  bool ok = false;
  client.request({"GET", "/api/v1/kiosk/hello", "", true, false}, [&](HttpResult r) { ok = r.reached; });
  io.run_for(5s);
  CHECK(ok);
  REQUIRE(strict.seen().size() == 1);
  CHECK(strict.seen()[0].client_name == "Hall 2");

  // Enrolling again (after a revocation) replaces the files.
  auto again = enrol_kiosk(o);
  REQUIRE(again);
  CHECK(again->replaced);
  CHECK(again->certificate_fingerprint != report->certificate_fingerprint);
}

TEST_CASE("enrolment with the CA fingerprint read out by the admin") {
  EnrolRig k;
  auto o = k.options();
  auto fp = *certificate_fingerprint_sha256(k.pki.ca.cert_pem);
  std::string spoken;  // "AB:CD:…", as some tools print it
  for (std::size_t i = 0; i < fp.size(); i += 2) spoken += (i ? ":" : "") + fp.substr(i, 2);
  for (auto& c : spoken) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  o.ca_fingerprint = spoken;
  auto report = enrol_kiosk(o);
  REQUIRE(report);
  CHECK(report->ca_fingerprint == fp);
  CHECK(std::filesystem::exists(report->files.certificate));
}

TEST_CASE("a fingerprint the box does not show: nothing is sent, nothing written") {
  EnrolRig k;
  auto o = k.options();
  o.ca_fingerprint = std::string(64, 'a');
  auto r = enrol_kiosk(o);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("does not show a CA with fingerprint") != std::string::npos);
  CHECK(k.box.seen().empty());
  CHECK_FALSE(k.wrote_anything());

  o.ca_fingerprint = *certificate_fingerprint_sha256(k.pki.server.cert_pem);
  auto server_fp = enrol_kiosk(o);
  REQUIRE_FALSE(server_fp);
  CHECK(server_fp.error().message.find("not its CA") != std::string::npos);

  o.ca_fingerprint = "12:34";
  CHECK(enrol_kiosk(o).error().message.find("64 hex digits") != std::string::npos);
}

TEST_CASE("a wrong code: the box's words, nothing written") {
  EnrolRig k;
  auto o = k.options();
  o.ca_file = k.ca_file();
  o.code = "AAAA-BBBB-CCCC";
  auto r = enrol_kiosk(o);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::forbidden);
  CHECK(r.error().message == "the enrolment code is wrong, used or expired; ask the admin for a new one");
  CHECK_FALSE(k.wrote_anything());
}

TEST_CASE("a box answering with another CA is not believed") {
  EnrolRig k;
  k.answer_ca = make_ca("Somebody else", 30)->cert_pem;
  auto o = k.options();
  o.ca_file = k.ca_file();
  auto r = enrol_kiosk(o);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("different CA") != std::string::npos);
  CHECK_FALSE(k.wrote_anything());
}

TEST_CASE("a CA file of another box: the handshake fails and says why") {
  EnrolRig k;
  classbook::test::TempDir other_dir;
  TestPki other(other_dir.path());
  auto o = k.options();
  o.ca_file = other.files.ca;
  auto r = enrol_kiosk(o);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("cannot reach the box") != std::string::npos);
  CHECK(r.error().message.find("not signed by the CA this kiosk trusts") != std::string::npos);
  CHECK_FALSE(k.wrote_anything());
}

TEST_CASE("no box at the address, missing or doubled CA options") {
  EnrolRig k;
  auto o = k.options();
  o.ca_file = k.ca_file();
  k.box.stop();
  {
    // a port nobody listens on
    TestBox gone(k.pki);
    o.server = *parse_server_url(gone.url());
  }
  auto r = enrol_kiosk(o);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("cannot reach the box at https://127.0.0.1:") != std::string::npos);

  auto none = k.options();
  CHECK(enrol_kiosk(none).error().message.find("--ca FILE or --ca-fingerprint") != std::string::npos);
  auto both = k.options();
  both.ca_file = "x";
  both.ca_fingerprint = "y";
  CHECK(enrol_kiosk(both).error().message.find("not both") != std::string::npos);
  auto no_code = k.options();
  no_code.code.clear();
  CHECK(enrol_kiosk(no_code).error().message.find("--code is required") != std::string::npos);
}

TEST_CASE("fingerprints are read with or without colons, any case") {
  const std::string fp(64, 'b');
  CHECK(normalise_fingerprint(fp) == fp);
  std::string upper(64, 'B');
  CHECK(normalise_fingerprint(upper) == fp);
  CHECK(normalise_fingerprint("bb:" + std::string(62, 'b')) == fp);
  CHECK(normalise_fingerprint(std::string(63, 'b')).empty());
  CHECK(normalise_fingerprint(std::string(63, 'b') + "g").empty());
}
