// kiosk_tls: TLS 1.2+ with the same cipher choice as the box; peer verification always on.
#include "kiosk/uplink/kiosk_tls.hpp"

#include <openssl/ssl.h>

#include <filesystem>

namespace classbook::kiosk {
namespace ssl = boost::asio::ssl;

namespace {

std::unique_ptr<ssl::context> base_context() {
  auto tls = std::make_unique<ssl::context>(ssl::context::tls_client);
  tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                   ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
  SSL_CTX_set_cipher_list(tls->native_handle(), "ECDHE+AESGCM:ECDHE+CHACHA20");
  tls->set_verify_mode(ssl::verify_peer);
  return tls;
}

}  // namespace

Result<std::unique_ptr<ssl::context>> kiosk_tls_context(const KioskFiles& files) {
  for (const auto* f : {&files.key, &files.certificate, &files.ca})
    if (!std::filesystem::exists(*f))
      return make_error(Errc::unavailable, "uplink.not_enrolled", "this kiosk is not enrolled: " + *f +
                                               " is missing — run `classbook-kiosk enrol --server URL --code CODE "
                                               "--ca-fingerprint HEX` with a code from `classbookctl kiosk enrol`");
  auto tls = base_context();
  boost::system::error_code ec;
  tls->load_verify_file(files.ca, ec);
  if (ec) return make_error(Errc::unavailable, "uplink.ca_unreadable", "cannot load the box CA " + files.ca + ": " + ec.message() + " — enrol again");
  tls->use_certificate_chain_file(files.certificate, ec);
  if (ec)
    return make_error(Errc::unavailable, "uplink.certificate_unreadable", "cannot load the kiosk certificate " + files.certificate + ": " + ec.message() +
                                             " — enrol again");
  tls->use_private_key_file(files.key, ssl::context::pem, ec);
  if (ec || SSL_CTX_check_private_key(tls->native_handle()) != 1)
    return make_error(Errc::unavailable, "uplink.key_mismatch", "the kiosk key " + files.key + " does not fit its certificate " +
                                             files.certificate + " — enrol again");
  return tls;
}

Result<std::unique_ptr<ssl::context>> enrol_tls_context(const std::string& ca_pem) {
  auto tls = base_context();
  boost::system::error_code ec;
  tls->add_certificate_authority(boost::asio::buffer(ca_pem), ec);
  if (ec) return make_error(Errc::invalid_input, "uplink.ca_not_pem", "the box CA is not a PEM certificate: " + ec.message());
  return tls;
}

Status check_key_matches_certificate(const std::string& key_pem, const std::string& cert_pem) {
  ssl::context tls(ssl::context::tls_client);
  boost::system::error_code ec;
  tls.use_certificate(boost::asio::buffer(cert_pem), ssl::context::pem, ec);
  if (ec) return make_error(Errc::unavailable, "uplink.box_certificate_unreadable", "the box sent a certificate this kiosk cannot read: " + ec.message());
  tls.use_private_key(boost::asio::buffer(key_pem), ssl::context::pem, ec);
  if (ec || SSL_CTX_check_private_key(tls.native_handle()) != 1)
    return make_error(Errc::unavailable, "uplink.box_certificate_wrong_key", "the box sent a certificate for a different key; enrol again with a new code");
  return ok_status();
}

}  // namespace classbook::kiosk
