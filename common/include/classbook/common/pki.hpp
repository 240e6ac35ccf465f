// pki: the box's own certificate authority — CA, server and kiosk certificates as PEM text, no file I/O.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/host_names.hpp"  // make_server_cert takes what it finds
#include "classbook/common/result.hpp"

namespace classbook {

// Longest validity we issue; keeps a typo like 365000 from making a certificate that never expires.
inline constexpr int kMaxCertificateValidDays = 25 * 365;

struct KeyAndCert {
  std::string key_pem;   // PKCS#8, unencrypted: store it with write_private_file
  std::string cert_pem;
};

// Where the box CA may vouch, besides the names the box was initialised with. Schools install the
// CA as trusted on every PC and phone, so it must not be able to speak for www.bank.ru even if its
// key (online, on the box) is stolen. These are the names and addresses a school's LAN or VPN uses:
// .local (mDNS), .lan and .home.arpa (home and small-office routers), .internal (ICANN's private
// TLD); loopback, RFC 1918, link-local, carrier-grade NAT (VPNs), IPv6 unique and link-local.
inline constexpr std::array<std::string_view, 5> kBoxCaDnsSuffixes = {"localhost", "local", "lan", "home.arpa",
                                                                      "internal"};
inline constexpr std::array<std::string_view, 9> kBoxCaIpRanges = {
    "127.0.0.0/8",    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
    "100.64.0.0/10",  "::1/128",    "fc00::/7",      "fe80::/10"};

// A self-signed EC P-256 CA for the box: CA:TRUE with pathlen 0 (it signs leaves, never another
// CA), keyCertSign|cRLSign, extendedKeyUsage serverAuth+clientAuth, subjectKeyIdentifier, and
// critical name constraints permitting `box_names` (host names and IP addresses, each exactly, with
// names below a host name) plus kBoxCaDnsSuffixes and kBoxCaIpRanges. A browser refuses any
// certificate it signs for another name. A name outside those needs a new CA (and re-enrolment).
Result<KeyAndCert> make_ca(const std::string& common_name, int valid_days,
                           const std::vector<std::string>& box_names = {});

// A TLS server certificate signed by `ca`: EC P-256, serverAuth, SAN from the DNS names and the
// IPv4/IPv6 addresses given (at least one entry in all). Never outlives the CA. A name outside the
// CA's name constraints is refused here, rather than by every browser later.
Result<KeyAndCert> make_server_cert(const KeyAndCert& ca, const std::string& common_name,
                                    const std::vector<std::string>& dns_names,
                                    const std::vector<std::string>& ip_addresses, int valid_days);

// A kiosk's side of enrolment: a new EC P-256 key (into key_pem_out) and a CSR for it (returned).
Result<std::string> make_key_and_csr(const std::string& common_name, std::string& key_pem_out);

// Checks the CSR's self-signature and issues a clientAuth certificate whose subject is only
// CN=common_name (and the fixed SAN kiosk.classbook.local, so the CA's name constraints never judge
// the CN): what the kiosk asked to be called is ignored, as are its requested extensions.
Result<std::string> sign_client_csr(const KeyAndCert& ca, const std::string& csr_pem,
                                    const std::string& common_name, int valid_days);

Result<std::string> certificate_common_name(const std::string& cert_pem);
Result<std::string> certificate_fingerprint_sha256(const std::string& cert_pem);  // lower-case hex of the DER
// When the (first) certificate of `cert_pem` stops being valid, as UTC text "2028-12-07T10:00:00Z".
Result<std::string> certificate_not_after(const std::string& cert_pem);

}  // namespace classbook
