// sync_key: the box's own key for signing batches (EC P-256, never the box CA's key), made on the
// first sync and kept in the data folder; and the check of a signature, for the fake portal and tools.
#pragma once

#include <string>
#include <string_view>

#include "classbook/common/result.hpp"

namespace classbook::sync {

class SyncKey {
 public:
  // Reads the key at `path`, or makes one and writes it there (mode 0600, atomically) when there is none.
  static Result<SyncKey> load_or_make(const std::string& path);
  static Result<SyncKey> from_private_pem(const std::string& pem);

  const std::string& public_pem() const { return public_pem_; }
  // Lower-case hex SHA-256 of the DER public key: the `keyid` of the Classbook-Signature header.
  const std::string& key_id() const { return key_id_; }
  // The base64 DER ECDSA signature of SHA-256(body).
  Result<std::string> sign(std::string_view body) const;
  // "alg=ecdsa-p256-sha256; keyid=…; sig=…"
  Result<std::string> signature_header(std::string_view body) const;

 private:
  std::string private_pem_, public_pem_, key_id_;
};

// Does `header` (a Classbook-Signature value) sign `body` with the key `public_pem`?
Status verify_signature_header(const std::string& public_pem, std::string_view body, std::string_view header);

}  // namespace classbook::sync
