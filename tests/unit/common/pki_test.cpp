// Tests of the box's CA: chains verify with OpenSSL, names land in the SAN, CSRs are checked.
#include <catch2/catch.hpp>

#include <arpa/inet.h>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "classbook/common/crypto.hpp"
#include "classbook/common/pki.hpp"

using namespace classbook;

namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr parse(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// X509_verify_cert of `leaf` against a store holding only `ca`, checked for `purpose`.
bool verifies(const std::string& ca_pem, const std::string& leaf_pem, int purpose) {
  auto ca = parse(ca_pem);
  auto leaf = parse(leaf_pem);
  REQUIRE(ca);
  REQUIRE(leaf);
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
  REQUIRE(X509_STORE_add_cert(store.get(), ca.get()) == 1);
  REQUIRE(X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), nullptr) == 1);
  REQUIRE(X509_STORE_CTX_set_purpose(ctx.get(), purpose) == 1);
  return X509_verify_cert(ctx.get()) == 1;
}

struct San {
  std::vector<std::string> dns;
  std::vector<std::string> ip;  // printed back with inet_ntop
};

San san_of(const std::string& pem) {
  auto cert = parse(pem);
  REQUIRE(cert);
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
  REQUIRE(names);
  San out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
    if (n->type == GEN_DNS) {
      out.dns.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(n->d.dNSName)),
                           static_cast<std::size_t>(ASN1_STRING_length(n->d.dNSName)));
    } else if (n->type == GEN_IPADD) {
      const int len = ASN1_STRING_length(n->d.iPAddress);
      char text[INET6_ADDRSTRLEN] = {};
      inet_ntop(len == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(n->d.iPAddress), text, sizeof text);
      out.ip.emplace_back(text);
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

// One CA for the whole file: EC keys are cheap, but the tests read better with a fixed cast.
const KeyAndCert& school_ca() {
  static const KeyAndCert ca = *make_ca("Classbook CA — School 57", 3650, {"box", "box2"});
  return ca;
}

}  // namespace

TEST_CASE("a server certificate verifies against its CA and not against another") {
  const auto server = make_server_cert(school_ca(), "classbook.school57.local", {"classbook.school57.local", "localhost"},
                                       {"127.0.0.1", "::1", "192.168.10.5"}, 825);
  REQUIRE(server.ok());
  CHECK(verifies(school_ca().cert_pem, server->cert_pem, X509_PURPOSE_SSL_SERVER));
  CHECK_FALSE(verifies(school_ca().cert_pem, server->cert_pem, X509_PURPOSE_SSL_CLIENT));

  const auto other = make_ca("Some other CA", 3650);
  REQUIRE(other.ok());
  CHECK_FALSE(verifies(other->cert_pem, server->cert_pem, X509_PURPOSE_SSL_SERVER));
}

TEST_CASE("the CA is a CA and the leaf is not") {
  auto ca = parse(school_ca().cert_pem);
  REQUIRE(ca);
  CHECK(X509_check_ca(ca.get()) != 0);
  CHECK((X509_get_key_usage(ca.get()) & (KU_KEY_CERT_SIGN | KU_CRL_SIGN)) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  CHECK(X509_get0_subject_key_id(ca.get()) != nullptr);

  const auto server = make_server_cert(school_ca(), "box", {"box"}, {}, 30);
  REQUIRE(server.ok());
  auto leaf = parse(server->cert_pem);
  CHECK(X509_check_ca(leaf.get()) == 0);
  CHECK(X509_get0_authority_key_id(leaf.get()) != nullptr);
  CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(leaf.get()), X509_get0_subject_key_id(ca.get())) == 0);
  CHECK(certificate_common_name(server->cert_pem).value() == "box");
}

TEST_CASE("the SAN holds exactly the DNS names and IPv4/IPv6 addresses given") {
  const auto server = make_server_cert(school_ca(), "box", {"box.school57.local", "box"},
                                       {"10.0.0.7", "fd00::7", "::1"}, 30);
  REQUIRE(server.ok());
  const San san = san_of(server->cert_pem);
  CHECK(san.dns == std::vector<std::string>{"box.school57.local", "box"});
  CHECK(san.ip == std::vector<std::string>{"10.0.0.7", "fd00::7", "::1"});
}

TEST_CASE("serial numbers are random and 128 bits wide") {
  const auto a = make_server_cert(school_ca(), "box", {"box"}, {}, 30);
  const auto b = make_server_cert(school_ca(), "box", {"box"}, {}, 30);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  auto ca = parse(a->cert_pem);
  auto cb = parse(b->cert_pem);
  CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(ca.get()), X509_get0_serialNumber(cb.get())) != 0);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(ca.get()), nullptr), &BN_free);
  CHECK(BN_num_bits(serial.get()) > 64);
  CHECK(BN_num_bits(serial.get()) <= 128);
}

TEST_CASE("a leaf never outlives its CA") {
  const auto short_ca = make_ca("Short-lived CA", 10, {"box"});
  REQUIRE(short_ca.ok());
  const auto server = make_server_cert(*short_ca, "box", {"box"}, {}, 825);
  REQUIRE(server.ok());
  auto ca = parse(short_ca->cert_pem);
  auto leaf = parse(server->cert_pem);
  CHECK(ASN1_TIME_compare(X509_get0_notAfter(leaf.get()), X509_get0_notAfter(ca.get())) == 0);
}

TEST_CASE("a kiosk CSR becomes a client certificate that verifies, under the name the server chose") {
  std::string kiosk_key;
  const auto csr = make_key_and_csr("kiosk-1", kiosk_key);
  REQUIRE(csr.ok());
  CHECK(csr->find("-----BEGIN CERTIFICATE REQUEST-----") == 0);
  CHECK(kiosk_key.find("-----BEGIN PRIVATE KEY-----") == 0);

  const auto cert = sign_client_csr(school_ca(), *csr, "kiosk-entrance-north", 365);
  REQUIRE(cert.ok());
  CHECK(verifies(school_ca().cert_pem, *cert, X509_PURPOSE_SSL_CLIENT));
  CHECK_FALSE(verifies(school_ca().cert_pem, *cert, X509_PURPOSE_SSL_SERVER));
  CHECK(certificate_common_name(*cert).value() == "kiosk-entrance-north");

  // The certificate carries the kiosk's own key.
  auto x = parse(*cert);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(kiosk_key.data(), static_cast<int>(kiosk_key.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  REQUIRE(key);
  CHECK(X509_check_private_key(x.get(), key.get()) == 1);
}

TEST_CASE("a CSR altered after signing is rejected") {
  std::string kiosk_key;
  const auto csr = make_key_and_csr("kiosk-1", kiosk_key);
  REQUIRE(csr.ok());

  // Change one byte of the signed body (the CN "kiosk-1" → "kiosk-2") and re-wrap it as PEM.
  std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(csr->data(), static_cast<int>(csr->size())), &BIO_free);
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* der = nullptr;
  long len = 0;
  REQUIRE(PEM_read_bio(in.get(), &name, &header, &der, &len) == 1);
  std::string body(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  const auto at = body.find("kiosk-1");
  REQUIRE(at != std::string::npos);
  body[at + 6] = '2';
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio(out.get(), name, header, reinterpret_cast<const unsigned char*>(body.data()),
                        static_cast<long>(body.size())) > 0);
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(der);
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  const std::string tampered(data, static_cast<std::size_t>(n));
  REQUIRE(tampered != *csr);

  const auto cert = sign_client_csr(school_ca(), tampered, "kiosk-1", 365);
  REQUIRE_FALSE(cert.ok());
  CHECK(cert.error().code == Errc::invalid_input);
  CHECK(cert.error().message.find("not signed by its own key") != std::string::npos);
}

TEST_CASE("fingerprints are stable SHA-256 hex of the certificate") {
  const auto& pem = school_ca().cert_pem;
  const auto a = certificate_fingerprint_sha256(pem);
  const auto b = certificate_fingerprint_sha256(pem);
  REQUIRE(a.ok());
  CHECK(*a == *b);
  CHECK(a->size() == 64);
  CHECK(a->find_first_not_of("0123456789abcdef") == std::string::npos);

  const auto other = make_ca("Some other CA", 3650);
  CHECK(*certificate_fingerprint_sha256(other->cert_pem) != *a);
}

TEST_CASE("bad PEM and bad arguments give errors that say what to do") {
  for (const std::string bad : {"", "hello", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"}) {
    const auto cn = certificate_common_name(bad);
    REQUIRE_FALSE(cn.ok());
    CHECK(cn.error().code == Errc::invalid_input);
    CHECK(cn.error().message.find("BEGIN CERTIFICATE") != std::string::npos);
    CHECK_FALSE(certificate_fingerprint_sha256(bad).ok());
    CHECK_FALSE(sign_client_csr(school_ca(), bad, "kiosk-1", 365).ok());
  }
  // A key passed where the certificate belongs.
  CHECK_FALSE(certificate_common_name(school_ca().key_pem).ok());

  KeyAndCert broken = school_ca();
  broken.key_pem = make_ca("Some other CA", 10)->key_pem;
  const auto mismatched = make_server_cert(broken, "box", {"box"}, {}, 30);
  REQUIRE_FALSE(mismatched.ok());
  CHECK(mismatched.error().message.find("does not belong") != std::string::npos);

  const auto server = make_server_cert(school_ca(), "box", {"box"}, {}, 30);
  const auto not_a_ca = make_server_cert(*server, "box2", {"box2"}, {}, 30);
  REQUIRE_FALSE(not_a_ca.ok());
  CHECK(not_a_ca.error().message.find("not a certificate authority") != std::string::npos);

  CHECK(make_server_cert(school_ca(), "box", {}, {}, 30).error().field == "dns_names");
  CHECK(make_server_cert(school_ca(), "box", {"bad name,DNS:evil"}, {}, 30).error().field == "dns_names");
  CHECK(make_server_cert(school_ca(), "box", {}, {"1.2.3.4junk"}, 30).error().field == "ip_addresses");
  CHECK(make_server_cert(school_ca(), "box", {}, {"fe80::1%eth0"}, 30).error().field == "ip_addresses");
  CHECK(make_ca("", 10).error().field == "common_name");
  CHECK(make_ca(std::string(65, 'x'), 10).error().field == "common_name");
  CHECK(make_ca("CA", 0).error().field == "valid_days");
  CHECK(make_ca("CA", kMaxCertificateValidDays + 1).error().field == "valid_days");
}

TEST_CASE("this machine's names and addresses make a usable server certificate") {
  const auto all = local_host_names_and_addresses();
  for (const char* must : {"localhost", "127.0.0.1", "::1"}) {
    CHECK(std::count(all.begin(), all.end(), std::string(must)) == 1);
  }
  std::vector<std::string> dns, ip;
  for (const auto& s : all) (is_ip_address(s) ? ip : dns).push_back(s);
  // As `classbookctl init` does: the CA is made for the same names.
  const auto ca = make_ca("This box's CA", 30, all);
  REQUIRE(ca.ok());
  const auto server = make_server_cert(*ca, dns.front(), dns, ip, 30);
  REQUIRE(server.ok());
  CHECK(san_of(server->cert_pem).ip.size() == ip.size());
  CHECK(verifies(ca->cert_pem, server->cert_pem, X509_PURPOSE_SSL_SERVER));
}

TEST_CASE("a CSR with a weak key is refused") {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(1024), &EVP_PKEY_free);
  REQUIRE(key);
  std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> req(X509_REQ_new(), &X509_REQ_free);
  REQUIRE(X509_REQ_set_pubkey(req.get(), key.get()) == 1);
  REQUIRE(X509_REQ_sign(req.get(), key.get(), EVP_sha256()) > 0);
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio_X509_REQ(out.get(), req.get()) == 1);
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);

  const auto cert = sign_client_csr(school_ca(), std::string(data, static_cast<std::size_t>(n)), "kiosk-1", 365);
  REQUIRE_FALSE(cert.ok());
  CHECK(cert.error().message.find("too weak") != std::string::npos);
}
