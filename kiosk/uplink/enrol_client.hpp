// enrol_client: the kiosk's side of enrolment — trust the box CA (from a file, or from the TLS
// handshake checked against the fingerprint the admin read out), make a key and CSR, trade the
// one-time code for a certificate, and write key, certificate and CA into the data folder.
#pragma once

#include <chrono>
#include <string>

#include "classbook/common/result.hpp"
#include "kiosk/core/kiosk_config.hpp"
#include "kiosk/core/server_url.hpp"

namespace classbook::kiosk {

inline constexpr auto enrol_timeout = std::chrono::seconds(15);
inline constexpr const char* enrol_csr_name = "classbook-kiosk";  // the box names the kiosk itself

struct EnrolOptions {
  ServerUrl server;
  std::string code;            // "7KQ2-9XHM-3PLA"
  std::string ca_file;         // either this …
  std::string ca_fingerprint;  // … or this: SHA-256 of the CA's DER, hex, colons allowed
  std::string data_dir = default_data_dir;
  std::chrono::milliseconds timeout = enrol_timeout;
};

struct EnrolReport {
  std::string kiosk_name;
  std::string mode;
  std::string school;
  std::string certificate_fingerprint;
  std::string ca_fingerprint;
  KioskFiles files;
  bool replaced = false;  // an earlier enrolment's files were overwritten
};

Result<EnrolReport> enrol_kiosk(const EnrolOptions& options);

// "AB:CD …" or "abcd…" → 64 lower-case hex digits; "" when it is not a SHA-256.
std::string normalise_fingerprint(const std::string& text);

// The CA certificate (PEM) the box shows in its TLS handshake whose SHA-256 is `fingerprint`.
Result<std::string> fetch_ca_by_fingerprint(const ServerUrl& server, const std::string& fingerprint,
                                            std::chrono::milliseconds timeout);

}  // namespace classbook::kiosk
