// pki: the box's own certificate authority — CA, server and kiosk certificates as PEM text, no file I/O.
#pragma once

#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook {

// Longest validity we issue; keeps a typo like 365000 from making a certificate that never expires.
inline constexpr int kMaxCertificateValidDays = 25 * 365;

struct KeyAndCert {
  std::string key_pem;   // PKCS#8, unencrypted: store it with write_private_file
  std::string cert_pem;
};

// A self-signed EC P-256 CA (CA:TRUE critical, keyCertSign|cRLSign, subjectKeyIdentifier).
Result<KeyAndCert> make_ca(const std::string& common_name, int valid_days);

// A TLS server certificate signed by `ca`: EC P-256, serverAuth, SAN from the DNS names and the
// IPv4/IPv6 addresses given (at least one entry in all). Never outlives the CA.
Result<KeyAndCert> make_server_cert(const KeyAndCert& ca, const std::string& common_name,
                                    const std::vector<std::string>& dns_names,
                                    const std::vector<std::string>& ip_addresses, int valid_days);

// A kiosk's side of enrolment: a new EC P-256 key (into key_pem_out) and a CSR for it (returned).
Result<std::string> make_key_and_csr(const std::string& common_name, std::string& key_pem_out);

// Checks the CSR's self-signature and issues a clientAuth certificate whose subject is only
// CN=common_name: what the kiosk asked to be called is ignored, as are its requested extensions.
Result<std::string> sign_client_csr(const KeyAndCert& ca, const std::string& csr_pem,
                                    const std::string& common_name, int valid_days);

Result<std::string> certificate_common_name(const std::string& cert_pem);
Result<std::string> certificate_fingerprint_sha256(const std::string& cert_pem);  // lower-case hex of the DER

// True for a literal IPv4 or IPv6 address (no scope suffix), which belongs in ip_addresses.
bool is_ip_address(const std::string& text);

// Names and addresses this machine may be reached by, for a server certificate: hostname,
// "localhost", the fully qualified name when it differs, 127.0.0.1, ::1 and every non-loopback
// interface address. No duplicates; split them with is_ip_address.
std::vector<std::string> local_host_names_and_addresses();

// Replaces `path` atomically with `text`, mode 0600: temp file in the same directory, fsync, rename,
// fsync of the directory. Either the old or the whole new content survives a power cut.
Status write_private_file(const std::string& path, const std::string& text);

}  // namespace classbook
