// Tests of the box CA's limits: path length 0 and name constraints, so a stolen CA key cannot make
// certificates that the school's browsers trust for other sites (issue 9, security review).
#include <catch2/catch.hpp>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "classbook/common/pki.hpp"

using namespace classbook;

namespace {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using CtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
struct StackFree {  // sk_X509_free is a macro, so it cannot be a template argument
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};
using StackPtr = std::unique_ptr<STACK_OF(X509), StackFree>;

X509Ptr parse_cert(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

KeyPtr parse_key(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return KeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

struct Forged {
  X509Ptr cert;
  KeyPtr key;
};

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  REQUIRE(ext);
  REQUIRE(X509_add_ext(cert, ext, -1) == 1);
  X509_EXTENSION_free(ext);
}

// What a thief of a CA key could do: a certificate with any names (`san`, OpenSSL's syntax, e.g.
// "DNS:www.bank.ru"), signed with the key directly, as a TLS server leaf or as a sub-CA.
Forged forge(X509* issuer, EVP_PKEY* issuer_key, const std::string& san, bool sub_ca) {
  const unsigned char* cn = reinterpret_cast<const unsigned char*>(sub_ca ? "forged sub-CA" : "forged");
  Forged f{X509Ptr(X509_new()), KeyPtr(EVP_EC_gen("P-256"))};
  X509* c = f.cert.get();
  REQUIRE(X509_set_version(c, X509_VERSION_3) == 1);
  REQUIRE(ASN1_INTEGER_set(X509_get_serialNumber(c), 7) == 1);
  REQUIRE(X509_NAME_add_entry_by_txt(X509_get_subject_name(c), "CN", MBSTRING_UTF8,
                                     cn, -1, -1, 0) == 1);
  REQUIRE(X509_set_issuer_name(c, X509_get_subject_name(issuer)) == 1);
  REQUIRE(X509_set_pubkey(c, f.key.get()) == 1);
  X509_gmtime_adj(X509_getm_notBefore(c), -60);
  X509_gmtime_adj(X509_getm_notAfter(c), 3600);
  add_ext(c, issuer, NID_basic_constraints, sub_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_ext(c, issuer, NID_key_usage, sub_ca ? "critical,keyCertSign" : "critical,digitalSignature");
  if (!sub_ca) add_ext(c, issuer, NID_ext_key_usage, "serverAuth");
  if (!san.empty()) add_ext(c, issuer, NID_subject_alt_name, san);
  REQUIRE(X509_sign(c, issuer_key, EVP_sha256()) > 0);
  return f;
}

// X509_verify_cert as a browser would for a TLS server: the box CA as the only trust anchor,
// `intermediate` as a certificate the server sent along. X509_V_OK or the reason it refused.
int verify_server(const KeyAndCert& ca, X509* leaf, X509* intermediate = nullptr) {
  auto anchor = parse_cert(ca.cert_pem);
  REQUIRE(anchor);
  StorePtr store(X509_STORE_new());
  REQUIRE(X509_STORE_add_cert(store.get(), anchor.get()) == 1);
  StackPtr chain(sk_X509_new_null());
  if (intermediate) sk_X509_push(chain.get(), intermediate);
  CtxPtr ctx(X509_STORE_CTX_new());
  REQUIRE(X509_STORE_CTX_init(ctx.get(), store.get(), leaf, chain.get()) == 1);
  REQUIRE(X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER) == 1);
  X509_verify_cert(ctx.get());
  return X509_STORE_CTX_get_error(ctx.get());
}

int verify_server(const KeyAndCert& ca, const std::string& leaf_pem) {
  auto leaf = parse_cert(leaf_pem);
  REQUIRE(leaf);
  return verify_server(ca, leaf.get());
}

const KeyAndCert& box_ca() {
  // As `classbookctl init --host journal.school57.ru` on a box called "classbook" makes it.
  static const KeyAndCert ca = *make_ca("School 57 — Classbook CA", 3650,
                                        {"classbook", "journal.school57.ru", "192.168.10.5", "203.0.113.7"});
  return ca;
}

}  // namespace

TEST_CASE("the box CA signs leaves only (pathlen 0) and carries critical name constraints") {
  auto ca = parse_cert(box_ca().cert_pem);
  REQUIRE(ca);
  int critical = -1;
  auto* basic = static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(ca.get(), NID_basic_constraints, &critical, nullptr));
  REQUIRE(basic);
  CHECK(basic->ca != 0);
  CHECK(critical == 1);
  REQUIRE(basic->pathlen);
  CHECK(ASN1_INTEGER_get(basic->pathlen) == 0);
  BASIC_CONSTRAINTS_free(basic);

  auto* nc = static_cast<NAME_CONSTRAINTS*>(X509_get_ext_d2i(ca.get(), NID_name_constraints, &critical, nullptr));
  REQUIRE(nc);
  CHECK(critical == 1);
  REQUIRE(nc->permittedSubtrees);
  CHECK(sk_GENERAL_SUBTREE_num(nc->permittedSubtrees) ==
        static_cast<int>(4 + kBoxCaDnsSuffixes.size() + kBoxCaIpRanges.size()));
  NAME_CONSTRAINTS_free(nc);
}

TEST_CASE("a certificate for an outside name, signed with the stolen CA key, is refused") {
  auto ca = parse_cert(box_ca().cert_pem);
  auto key = parse_key(box_ca().key_pem);
  for (const char* san : {"DNS:www.bank.ru", "DNS:bank.ru", "DNS:*.ru", "DNS:school57.ru", "DNS:mail.school57.ru",
                          "IP:8.8.8.8", "IP:203.0.113.8", "IP:2001:db8::1", "DNS:local.bank.ru"}) {
    INFO(san);
    const auto forged = forge(ca.get(), key.get(), san, false);
    CHECK(verify_server(box_ca(), forged.cert.get()) == X509_V_ERR_PERMITTED_VIOLATION);
  }
}

TEST_CASE("the box's own names, LAN names and private addresses verify") {
  auto ca = parse_cert(box_ca().cert_pem);
  auto key = parse_key(box_ca().key_pem);
  for (const char* san : {"DNS:classbook", "DNS:journal.school57.ru", "DNS:classbook.local", "DNS:box.school57.lan",
                          "DNS:classbook.home.arpa", "DNS:classbook.internal", "DNS:localhost", "IP:192.168.10.5",
                          "IP:10.1.2.3", "IP:172.20.0.4", "IP:127.0.0.1", "IP:::1", "IP:fd00::5", "IP:203.0.113.7",
                          "IP:100.64.1.1"}) {
    INFO(san);
    const auto ok = forge(ca.get(), key.get(), san, false);
    CHECK(verify_server(box_ca(), ok.cert.get()) == X509_V_OK);
  }
}

TEST_CASE("a sub-CA made with the stolen key cannot issue anything (pathlen 0)") {
  auto ca = parse_cert(box_ca().cert_pem);
  auto key = parse_key(box_ca().key_pem);
  const auto sub = forge(ca.get(), key.get(), "", true);
  const auto leaf = forge(sub.cert.get(), sub.key.get(), "DNS:classbook.local", false);
  CHECK(verify_server(box_ca(), leaf.cert.get(), sub.cert.get()) == X509_V_ERR_PATH_LENGTH_EXCEEDED);
}

TEST_CASE("make_server_cert refuses names the CA may not vouch for, and init's names pass") {
  const auto bank = make_server_cert(box_ca(), "www.bank.ru", {"www.bank.ru"}, {}, 30);
  REQUIRE_FALSE(bank.ok());
  CHECK(bank.error().field == "dns_names");
  CHECK(bank.error().message.find("classbookctl init --host") != std::string::npos);
  CHECK_FALSE(make_server_cert(box_ca(), "box", {"classbook"}, {"8.8.8.8"}, 30).ok());

  const auto box = make_server_cert(box_ca(), "classbook", {"classbook", "journal.school57.ru", "classbook.local"},
                                    {"192.168.10.5", "203.0.113.7", "127.0.0.1", "::1"}, 30);
  REQUIRE(box.ok());
  CHECK(verify_server(box_ca(), box->cert_pem) == X509_V_OK);
}

TEST_CASE("a kiosk whose name looks like a host name still gets a working client certificate") {
  std::string key;
  const auto csr = make_key_and_csr("hall.2", key);
  REQUIRE(csr.ok());
  const auto cert = sign_client_csr(box_ca(), *csr, "hall.2", 30);
  REQUIRE(cert.ok());
  auto anchor = parse_cert(box_ca().cert_pem);
  auto leaf = parse_cert(*cert);
  StorePtr store(X509_STORE_new());
  REQUIRE(X509_STORE_add_cert(store.get(), anchor.get()) == 1);
  CtxPtr ctx(X509_STORE_CTX_new());
  REQUIRE(X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), nullptr) == 1);
  REQUIRE(X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT) == 1);
  X509_verify_cert(ctx.get());
  CHECK(X509_STORE_CTX_get_error(ctx.get()) == X509_V_OK);
}

TEST_CASE("make_ca refuses a wildcard or junk as one of the box's names") {
  CHECK(make_ca("CA", 30, {"*.school57.ru"}).error().field == "host");
  CHECK(make_ca("CA", 30, {"bad name"}).error().field == "host");
}
