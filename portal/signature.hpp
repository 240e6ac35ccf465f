// signature: the box's batch signature (Classbook-Signature header) — ECDSA P-256 with SHA-256 over
// the exact body bytes, by the key the portal pinned on the first batch.
#pragma once

#include <string>
#include <string_view>

#include "classbook/common/result.hpp"

namespace classbook::portal {

inline constexpr std::string_view kSignatureAlgorithm = "ecdsa-p256-sha256";

struct SignatureHeader {
  std::string alg;
  std::string keyid;      // lower-case hex SHA-256 of the DER SubjectPublicKeyInfo
  std::string signature;  // DER ECDSA signature (decoded from base64)
};

// "alg=ecdsa-p256-sha256; keyid=<hex>; sig=<base64>"; "signature.malformed" when a part is missing.
Result<SignatureHeader> parse_signature_header(std::string_view header);

// The key id of a PEM public key, refusing anything but an EC P-256 key ("signature.bad_key").
Result<std::string> public_key_id(const std::string& public_key_pem);

// True when `signature` (DER) is a valid signature of `body` by `public_key_pem`.
bool signature_valid(const std::string& public_key_pem, std::string_view body, const std::string& signature);

// Standard base64 (with padding, whitespace not allowed); empty on malformed input.
Result<std::string> base64_decode(std::string_view text);

}  // namespace classbook::portal
