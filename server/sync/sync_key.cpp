// sync_key: EC P-256 through OpenSSL's EVP interface; the file is written only by write_private_file.
#include "sync/sync_key.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "classbook/common/crypto.hpp"
#include "classbook/common/private_file.hpp"

namespace classbook::sync {
namespace {

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

Error key_error(std::string what) {
  return make_error(Errc::internal, "sync.key_failed", "the box's sync key: " + what);
}

std::string bio_text(BIO* b) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(b, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string base64(const unsigned char* p, std::size_t n) {
  std::string out(4 * ((n + 2) / 3) + 1, '\0');
  const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), p, static_cast<int>(n));
  out.resize(static_cast<std::size_t>(len));
  return out;
}

std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int len = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (len < 0) return std::nullopt;
  std::size_t n = static_cast<std::size_t>(len);
  if (text.ends_with("==")) n -= 2;
  else if (text.ends_with("=")) n -= 1;
  out.resize(n);
  return out;
}

Pkey read_private(const std::string& pem) {
  Bio b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  return Pkey(b ? PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
}

Pkey read_public(const std::string& pem) {
  Bio b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  return Pkey(b ? PEM_read_bio_PUBKEY(b.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
}

}  // namespace

Result<SyncKey> SyncKey::from_private_pem(const std::string& pem) {
  auto key = read_private(pem);
  if (!key) return key_error("the file holds no private key in PEM");
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC || EVP_PKEY_get_bits(key.get()) != 256)
    return key_error("the key is not EC P-256");
  Bio out(BIO_new(BIO_s_mem()), BIO_free);
  if (!out || PEM_write_bio_PUBKEY(out.get(), key.get()) != 1) return key_error("cannot write the public key");
  unsigned char* der = nullptr;
  const int der_len = i2d_PUBKEY(key.get(), &der);
  if (der_len <= 0) return key_error("cannot encode the public key");
  const std::string der_text(reinterpret_cast<const char*>(der), static_cast<std::size_t>(der_len));
  OPENSSL_free(der);
  SyncKey k;
  k.private_pem_ = pem;
  k.public_pem_ = bio_text(out.get());
  k.key_id_ = sha256_hex(der_text);
  return k;
}

Result<SyncKey> SyncKey::load_or_make(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return make_error(Errc::unavailable, "sync.key_unreadable",
                        path + " cannot be read; classbookd's user must own the data folder");
    std::ostringstream s;
    s << in.rdbuf();
    return from_private_pem(s.str());
  }
  Pkey key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  if (!key) return key_error("OpenSSL could not make an EC P-256 key");
  Bio out(BIO_new(BIO_s_mem()), BIO_free);
  if (!out || PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return key_error("cannot write the private key");
  const std::string pem = bio_text(out.get());
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (auto s = write_private_file(path, pem); !s) return s.error();
  return from_private_pem(pem);
}

Result<std::string> SyncKey::sign(std::string_view body) const {
  auto key = read_private(private_pem_);
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
    return key_error("cannot start a signature");
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(body.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data, body.size()) != 1) return key_error("cannot size the signature");
  std::vector<unsigned char> sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, data, body.size()) != 1) return key_error("cannot sign the batch");
  return base64(sig.data(), len);
}

Result<std::string> SyncKey::signature_header(std::string_view body) const {
  auto sig = sign(body);
  if (!sig) return sig.error();
  return "alg=ecdsa-p256-sha256; keyid=" + key_id_ + "; sig=" + *sig;
}

Status verify_signature_header(const std::string& public_pem, std::string_view body, std::string_view header) {
  const auto bad = [](std::string why) { return make_error(Errc::forbidden, "sync.signature_invalid", "the batch's signature " + why); };
  const auto at = header.find("sig=");
  if (header.find("alg=ecdsa-p256-sha256") == std::string_view::npos || at == std::string_view::npos)
    return bad("header is not alg=ecdsa-p256-sha256 with a sig");
  auto sig = unbase64(header.substr(at + 4));
  if (!sig) return bad("is not base64");
  auto key = read_public(public_pem);
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
    return bad("cannot be checked: the public key is unreadable");
  if (EVP_DigestVerify(ctx.get(), sig->data(), sig->size(), reinterpret_cast<const unsigned char*>(body.data()), body.size()) != 1)
    return bad("does not match the body and the pinned key");
  return ok_status();
}

}  // namespace classbook::sync
