// kiosk_tls: the TLS settings the kiosk speaks with — its own certificate and key for mutual TLS,
// and the box CA as the only trust anchor (never the system's list).
#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "classbook/common/result.hpp"
#include "kiosk/core/kiosk_config.hpp"

namespace classbook::kiosk {

// For `run`: the files enrolment wrote. A missing file means "not enrolled" and says what to do.
Result<std::unique_ptr<boost::asio::ssl::context>> kiosk_tls_context(const KioskFiles& files);

// For enrolment: no client certificate yet; trust only `ca_pem`.
Result<std::unique_ptr<boost::asio::ssl::context>> enrol_tls_context(const std::string& ca_pem);

// Checks that a certificate and key (PEM) belong together, as loading them for TLS would.
Status check_key_matches_certificate(const std::string& key_pem, const std::string& cert_pem);

}  // namespace classbook::kiosk
