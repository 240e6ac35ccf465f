// pki: CA, server and kiosk certificates with OpenSSL, as PEM text.
#include "classbook/common/pki.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

#include "ca_constraints.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/host_names.hpp"

namespace classbook {
namespace {

constexpr const char* kCurve = "P-256";
constexpr std::size_t kSerialBytes = 16;                // 128 random bits, as CA/B asks of public CAs
constexpr long kNotBeforeBackdateSeconds = 60L * 60;    // tolerate a kiosk clock an hour behind
constexpr std::size_t kMaxCommonNameBytes = 64;         // ub-common-name in RFC 5280
constexpr int kMinRsaBits = 2048;
constexpr int kMinEcBits = 256;
constexpr const char* kKioskSanDnsName = "kiosk.classbook.local";  // inside the CA's ".local"

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using ReqPtr = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using NamePtr = std::unique_ptr<GENERAL_NAME, Deleter<GENERAL_NAME_free>>;
using TimePtr = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;

// Takes OpenSSL's reason for the last failure and empties its queue, so a later call starts clean.
std::string openssl_reason() {
  const unsigned long e = ERR_peek_last_error();
  std::string out;
  if (e != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out = buf;
  }
  ERR_clear_error();
  return out;
}

Error fail(Errc code, ErrorCode id, std::string message) {
  const std::string reason = openssl_reason();
  if (!reason.empty()) message += " (" + reason + ")";
  return make_error(code, id, std::move(message));
}

Error defect(const char* step) {
  return fail(Errc::internal, "certificate.openssl_failed", std::string("certificate: ") + step + " failed in OpenSSL");
}

BioPtr read_bio(const std::string& text) {
  ERR_clear_error();  // so a failure below reports its own reason, not an older one
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

Result<X509Ptr> parse_cert(const std::string& pem, const std::string& what) {
  auto bio = read_bio(pem);
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) {
    return fail(Errc::invalid_input, "certificate.pem_unreadable", "cannot read " + what +
                                         ": expected PEM text starting with "
                                         "\"-----BEGIN CERTIFICATE-----\"; check that the file is "
                                         "complete and is not the key");
  }
  return cert;
}

Result<PkeyPtr> parse_key(const std::string& pem, const std::string& what) {
  auto bio = read_bio(pem);
  PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) {
    return fail(Errc::invalid_input, "certificate.key_unreadable", "cannot read " + what +
                                         ": expected an unencrypted PEM private key; check that "
                                         "the file is complete and is not the certificate");
  }
  return key;
}

Status check_common_name(const std::string& cn) {
  const bool control = std::any_of(cn.begin(), cn.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (cn.empty() || cn.size() > kMaxCommonNameBytes || control) {
    return make_error(Errc::invalid_input, "certificate.common_name_invalid",
                      "the certificate name \"" + cn + "\" is not usable: give 1 to " +
                          std::to_string(kMaxCommonNameBytes) +
                          " bytes of printable text, e.g. the school's or the kiosk's name",
                      "common_name");
  }
  return ok_status();
}

Status check_valid_days(int days) {
  if (days < 1 || days > kMaxCertificateValidDays) {
    return make_error(Errc::invalid_input, "certificate.validity_out_of_range",
                      "a certificate must be valid for 1 to " +
                          std::to_string(kMaxCertificateValidDays) + " days, not " +
                          std::to_string(days),
                      "valid_days");
  }
  return ok_status();
}

Result<PkeyPtr> new_key() {
  PkeyPtr key(EVP_EC_gen(kCurve));
  if (!key) return defect("generating an EC P-256 key");
  return key;
}

Result<std::string> key_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return defect("writing the key as PEM");
  }
  return bio_text(bio.get());
}

Result<std::string> cert_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return defect("writing the certificate as PEM");
  return bio_text(bio.get());
}

Result<std::string> req_pem(X509_REQ* req) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509_REQ(bio.get(), req) != 1) return defect("writing the CSR as PEM");
  return bio_text(bio.get());
}

bool set_common_name(X509_NAME* name, const std::string& cn) {
  return X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(cn.data()),
                                    static_cast<int>(cn.size()), -1, 0) == 1;
}

// A new certificate with version, random serial, subject CN, issuer, key and validity set.
// `issuer` null means self-signed. A certificate never outlives its issuer: past that date the
// chain fails anyway, and a clear expiry date is more honest.
Result<X509Ptr> new_certificate(const std::string& cn, EVP_PKEY* subject_key, X509* issuer,
                                int valid_days) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) return defect("creating a certificate");

  const auto serial_bytes = random_bytes(kSerialBytes);
  BnPtr serial(BN_bin2bn(serial_bytes.data(), static_cast<int>(serial_bytes.size()), nullptr));
  if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))) {
    return defect("setting the serial number");
  }

  if (!set_common_name(X509_get_subject_name(cert.get()), cn)) return defect("setting the name");
  X509_NAME* issuer_name = issuer ? X509_get_subject_name(issuer) : X509_get_subject_name(cert.get());
  if (X509_set_issuer_name(cert.get(), issuer_name) != 1) return defect("setting the issuer");
  if (X509_set_pubkey(cert.get(), subject_key) != 1) return defect("setting the public key");

  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kNotBeforeBackdateSeconds) ||
      !X509_time_adj_ex(X509_getm_notAfter(cert.get()), valid_days, 0, nullptr)) {
    return defect("setting the validity");
  }
  if (issuer && ASN1_TIME_compare(X509_get0_notAfter(cert.get()), X509_get0_notAfter(issuer)) > 0) {
    if (X509_set1_notAfter(cert.get(), X509_get0_notAfter(issuer)) != 1) {
      return defect("setting the validity");
    }
  }
  return cert;
}

// Adds an extension written in OpenSSL's config syntax; only called with fixed strings, never
// with user text, so no value can smuggle in extra entries.
Status add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) return defect(OBJ_nid2sn(nid));
  return ok_status();
}

Status add_leaf_extensions(X509* cert, X509* ca, const char* extended_key_usage) {
  const std::pair<int, const char*> exts[] = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature"},
      {NID_ext_key_usage, extended_key_usage},
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid:always"},
  };
  for (const auto& [nid, value] : exts) {
    if (auto s = add_extension(cert, ca, nid, value); !s) return s;
  }
  return ok_status();
}

Status sign(X509* cert, EVP_PKEY* key) {
  if (X509_sign(cert, key, EVP_sha256()) <= 0) return defect("signing the certificate");
  return ok_status();
}

struct LoadedCa {
  X509Ptr cert;
  PkeyPtr key;
};

Result<LoadedCa> load_ca(const KeyAndCert& ca) {
  auto cert = parse_cert(ca.cert_pem, "the CA certificate");
  if (!cert) return cert.error();
  auto key = parse_key(ca.key_pem, "the CA key");
  if (!key) return key.error();
  if (X509_check_private_key(cert->get(), key->get()) != 1) {
    return fail(Errc::invalid_input, "certificate.ca_key_mismatch",
                "the CA key does not belong to the CA certificate: restore both files from the "
                "same backup, or make a new CA with `classbookctl init` and re-enrol the kiosks");
  }
  if (X509_check_ca(cert->get()) == 0) {
    return fail(Errc::invalid_input, "certificate.not_a_ca",
                "the CA certificate is not a certificate authority: point the configuration at "
                "the CA made by `classbookctl init`, not at the server certificate");
  }
  return LoadedCa{std::move(*cert), std::move(*key)};
}

Result<NamesPtr> subject_alt_names(const std::vector<std::string>& dns_names,
                                   const std::vector<std::string>& ip_addresses) {
  NamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) return defect("building the name list");
  for (const auto& dns : dns_names) {
    if (!is_dns_name(dns)) {
      return make_error(Errc::invalid_input, "certificate.host_name_invalid",
                        "\"" + dns + "\" is not a host name: use letters, digits, '-' and dots, "
                        "e.g. classbook.school.local; put IP addresses in the address list",
                        "dns_names");
    }
    NamePtr name(GENERAL_NAME_new());
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    if (!name || !text || ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size())) != 1) {
      ASN1_IA5STRING_free(text);
      return defect("adding a host name");
    }
    GENERAL_NAME_set0_value(name.get(), GEN_DNS, text);
    if (sk_GENERAL_NAME_push(names.get(), name.get()) == 0) return defect("adding a host name");
    name.release();
  }
  for (const auto& ip : ip_addresses) {
    const std::string octets = ip_address_octets(ip);
    if (octets.empty()) {
      return make_error(Errc::invalid_input, "certificate.ip_address_invalid",
                        "\"" + ip + "\" is not an IP address: write IPv4 as 192.168.1.10 and IPv6 "
                        "as fd00::10, without a %interface suffix",
                        "ip_addresses");
    }
    NamePtr name(GENERAL_NAME_new());
    ASN1_OCTET_STRING* bytes = ASN1_OCTET_STRING_new();
    if (!name || !bytes ||
        ASN1_OCTET_STRING_set(bytes, reinterpret_cast<const unsigned char*>(octets.data()),
                              static_cast<int>(octets.size())) != 1) {
      ASN1_OCTET_STRING_free(bytes);
      return defect("adding an IP address");
    }
    GENERAL_NAME_set0_value(name.get(), GEN_IPADD, bytes);
    if (sk_GENERAL_NAME_push(names.get(), name.get()) == 0) return defect("adding an IP address");
    name.release();
  }
  return names;
}

Status check_client_key(EVP_PKEY* key) {
  const int type = EVP_PKEY_get_base_id(key);
  const int bits = EVP_PKEY_get_bits(key);
  const char* kind = OBJ_nid2sn(type);
  const bool strong = (type == EVP_PKEY_EC && bits >= kMinEcBits) ||
                      (type == EVP_PKEY_RSA && bits >= kMinRsaBits);
  if (!strong) {
    return make_error(Errc::invalid_input, "certificate.key_too_weak",
                      "the kiosk's key is too weak or of an unsupported kind (" +
                          std::string(kind ? kind : "unknown") + ", " + std::to_string(bits) +
                          " bits): re-enrol the kiosk so it makes a new EC P-256 key",
                      "csr");
  }
  return ok_status();
}

}  // namespace

Result<KeyAndCert> make_ca(const std::string& common_name, int valid_days, const std::vector<std::string>& box_names) {
  if (auto s = check_common_name(common_name); !s) return s.error();
  if (auto s = check_valid_days(valid_days); !s) return s.error();
  auto key = new_key();
  if (!key) return key.error();
  auto cert = new_certificate(common_name, key->get(), nullptr, valid_days);
  if (!cert) return cert.error();
  X509* c = cert->get();
  const std::pair<int, const char*> exts[] = {
      {NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
      {NID_key_usage, "critical,keyCertSign,cRLSign"},
      {NID_ext_key_usage, "serverAuth,clientAuth"},  // clients that chain EKUs refuse code or mail signing
      {NID_subject_key_identifier, "hash"},
  };
  for (const auto& [nid, value] : exts) {
    if (auto s = add_extension(c, nullptr, nid, value); !s) return s.error();
  }
  if (auto s = pki_detail::add_box_name_constraints(c, box_names); !s) return s.error();
  if (auto s = sign(c, key->get()); !s) return s.error();
  auto kp = key_pem(key->get());
  if (!kp) return kp.error();
  auto cp = cert_pem(c);
  if (!cp) return cp.error();
  return KeyAndCert{std::move(*kp), std::move(*cp)};
}

Result<KeyAndCert> make_server_cert(const KeyAndCert& ca, const std::string& common_name,
                                    const std::vector<std::string>& dns_names,
                                    const std::vector<std::string>& ip_addresses, int valid_days) {
  if (auto s = check_common_name(common_name); !s) return s.error();
  if (auto s = check_valid_days(valid_days); !s) return s.error();
  if (dns_names.empty() && ip_addresses.empty()) {
    return make_error(Errc::invalid_input, "certificate.no_host_names",
                      "a server certificate needs at least one host name or IP address, since "
                      "browsers check only those; give the names the box is reached by",
                      "dns_names");
  }
  auto names = subject_alt_names(dns_names, ip_addresses);
  if (!names) return names.error();
  auto loaded = load_ca(ca);
  if (!loaded) return loaded.error();
  auto key = new_key();
  if (!key) return key.error();
  auto cert = new_certificate(common_name, key->get(), loaded->cert.get(), valid_days);
  if (!cert) return cert.error();
  X509* c = cert->get();
  if (auto s = add_leaf_extensions(c, loaded->cert.get(), "serverAuth"); !s) return s.error();
  if (X509_add1_ext_i2d(c, NID_subject_alt_name, names->get(), 0, X509V3_ADD_DEFAULT) != 1) {
    return defect("adding the subject alternative names");
  }
  if (auto s = sign(c, loaded->key.get()); !s) return s.error();
  auto kp = key_pem(key->get());
  if (!kp) return kp.error();
  auto cp = cert_pem(c);
  if (!cp) return cp.error();
  // Checked on the certificate read back, as a client will see it: OpenSSL caches a certificate's
  // names when first asked, so the object just built may answer from before the SAN was added.
  auto issued = parse_cert(*cp, "the new server certificate");
  if (!issued) return issued.error();
  if (auto why = pki_detail::name_constraint_violation(issued->get(), loaded->cert.get()); !why.empty()) {
    return make_error(Errc::invalid_input, "certificate.host_name_invalid", why, "dns_names");
  }
  return KeyAndCert{std::move(*kp), std::move(*cp)};
}

Result<std::string> make_key_and_csr(const std::string& common_name, std::string& key_pem_out) {
  if (auto s = check_common_name(common_name); !s) return s.error();
  auto key = new_key();
  if (!key) return key.error();
  ReqPtr req(X509_REQ_new());
  if (!req || X509_REQ_set_version(req.get(), X509_REQ_VERSION_1) != 1 ||
      !set_common_name(X509_REQ_get_subject_name(req.get()), common_name) ||
      X509_REQ_set_pubkey(req.get(), key->get()) != 1) {
    return defect("building the CSR");
  }
  if (X509_REQ_sign(req.get(), key->get(), EVP_sha256()) <= 0) return defect("signing the CSR");
  auto csr = req_pem(req.get());
  if (!csr) return csr.error();
  auto kp = key_pem(key->get());
  if (!kp) return kp.error();
  key_pem_out = std::move(*kp);
  return csr;
}

Result<std::string> sign_client_csr(const KeyAndCert& ca, const std::string& csr_pem,
                                    const std::string& common_name, int valid_days) {
  if (auto s = check_common_name(common_name); !s) return s.error();
  if (auto s = check_valid_days(valid_days); !s) return s.error();
  auto bio = read_bio(csr_pem);
  ReqPtr req(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!req) {
    return fail(Errc::invalid_input, "certificate.request_unreadable",
                "cannot read the kiosk's request: expected PEM text starting with "
                "\"-----BEGIN CERTIFICATE REQUEST-----\"; restart the kiosk's enrolment");
  }
  EVP_PKEY* pub = X509_REQ_get0_pubkey(req.get());  // owned by req
  if (!pub) {
    return fail(Errc::invalid_input, "certificate.request_without_key",
                "the kiosk's request carries no usable public key; restart the kiosk's enrolment");
  }
  // A valid self-signature proves the sender holds the private key, and that nothing in transit
  // changed the request.
  if (X509_REQ_verify(req.get(), pub) != 1) {
    return fail(Errc::invalid_input, "certificate.request_not_self_signed",
                "the kiosk's request is not signed by its own key (damaged or altered): "
                "restart the kiosk's enrolment");
  }
  if (auto s = check_client_key(pub); !s) return s.error();
  auto loaded = load_ca(ca);
  if (!loaded) return loaded.error();
  auto cert = new_certificate(common_name, pub, loaded->cert.get(), valid_days);
  if (!cert) return cert.error();
  X509* c = cert->get();
  if (auto s = add_leaf_extensions(c, loaded->cert.get(), "clientAuth"); !s) return s.error();
  // A fixed DNS name in the SAN: without one, verifiers check a common name that looks like a host
  // name ("hall.2") against the CA's name constraints and refuse the kiosk. The certificate is for
  // clientAuth only, so the name lets nobody serve as a host.
  auto names = subject_alt_names({kKioskSanDnsName}, {});
  if (!names) return names.error();
  if (X509_add1_ext_i2d(c, NID_subject_alt_name, names->get(), 0, X509V3_ADD_DEFAULT) != 1) {
    return defect("adding the subject alternative names");
  }
  if (auto s = sign(c, loaded->key.get()); !s) return s.error();
  return cert_pem(c);
}

Result<std::string> certificate_common_name(const std::string& cert_pem_text) {
  auto cert = parse_cert(cert_pem_text, "the certificate");
  if (!cert) return cert.error();
  X509_NAME* subject = X509_get_subject_name(cert->get());
  const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) {
    return make_error(Errc::invalid_input, "certificate.no_common_name",
                      "the certificate has no common name (CN): it was not issued by Classbook; "
                      "enrol the device again");
  }
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
  if (n < 0) return fail(Errc::invalid_input, "certificate.common_name_unreadable", "the certificate's common name is not readable text");
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

Result<std::string> certificate_fingerprint_sha256(const std::string& cert_pem_text) {
  auto cert = parse_cert(cert_pem_text, "the certificate");
  if (!cert) return cert.error();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert->get(), EVP_sha256(), md, &len) != 1) return defect("hashing the certificate");
  return hex_encode(md, len);
}

Result<std::string> certificate_not_after(const std::string& cert_pem_text) {
  auto cert = parse_cert(cert_pem_text, "the certificate");
  if (!cert) return cert.error();
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert->get()), &tm) != 1)
    return fail(Errc::invalid_input, "certificate.dates_unreadable", "the certificate's validity dates are not readable");
  char text[80];  // room for any int, so the compiler sees no truncation
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return std::string(text);
}

}  // namespace classbook
