// signature: OpenSSL's EVP verify behind three functions; nothing else in the portal sees OpenSSL's EC API.
#include "signature.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <vector>

#include "classbook/common/crypto.hpp"

namespace classbook::portal {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Key read_public_key(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (!bio) return nullptr;
  Key key(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

bool is_p256(EVP_PKEY* key) {
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return false;
  char group[64] = {};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &len) != 1) return false;
  return std::string_view(group, len) == "prime256v1";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::string> base64_decode(std::string_view text) {
  const auto bad = make_error(Errc::invalid_input, "signature.malformed", "not base64");
  if (text.size() % 4 != 0) return bad;
  std::vector<unsigned char> out(text.size() / 4 * 3 + 1);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return bad;
  std::size_t size = static_cast<std::size_t>(n);
  // EVP_DecodeBlock counts the padding's zero bytes; they are not part of the text.
  if (!text.empty() && text.back() == '=') --size;
  if (text.size() > 1 && text[text.size() - 2] == '=') --size;
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

Result<SignatureHeader> parse_signature_header(std::string_view header) {
  SignatureHeader out;
  while (!header.empty()) {
    const auto semi = header.find(';');
    const auto part = trim(header.substr(0, semi));
    const auto eq = part.find('=');
    if (eq != std::string_view::npos) {
      const auto name = part.substr(0, eq), value = part.substr(eq + 1);
      if (name == "alg") out.alg = value;
      else if (name == "keyid") out.keyid = value;
      else if (name == "sig") {
        auto raw = base64_decode(value);
        if (!raw) return make_error(Errc::invalid_input, "signature.malformed", "the sig= of Classbook-Signature is not base64");
        out.signature = *raw;
      }
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  if (out.alg != kSignatureAlgorithm)
    return make_error(Errc::invalid_input, "signature.malformed",
                      "Classbook-Signature must say alg=" + std::string(kSignatureAlgorithm));
  if (out.keyid.empty() || out.signature.empty())
    return make_error(Errc::invalid_input, "signature.malformed", "Classbook-Signature needs keyid= and sig=");
  return out;
}

Result<std::string> public_key_id(const std::string& public_key_pem) {
  auto key = read_public_key(public_key_pem);
  if (!key || !is_p256(key.get()))
    return make_error(Errc::invalid_input, "signature.bad_key", "the box's key must be an EC P-256 public key in PEM");
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(key.get(), &der);
  if (len <= 0) return make_error(Errc::invalid_input, "signature.bad_key", "the box's key cannot be encoded");
  std::string id = sha256_hex(std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len)));
  OPENSSL_free(der);
  return id;
}

bool signature_valid(const std::string& public_key_pem, std::string_view body, const std::string& signature) {
  auto key = read_public_key(public_key_pem);
  if (!key || !is_p256(key.get())) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) return false;
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(body.data()), body.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace classbook::portal
