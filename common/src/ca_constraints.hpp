// ca_constraints: the box CA's nameConstraints extension (OpenSSL types, so private to common/src).
#pragma once

#include <openssl/x509.h>

#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::pki_detail {

// Adds a critical nameConstraints extension to `ca` permitting the box's own names and addresses
// (`box_names`: DNS names and IP literals, each exactly) and kBoxCaDnsSuffixes / kBoxCaIpRanges.
Status add_box_name_constraints(X509* ca, const std::vector<std::string>& box_names);

// Empty when `ca` has no name constraints or `leaf` keeps within them; else the sentence to show.
std::string name_constraint_violation(X509* leaf, X509* ca);

}  // namespace classbook::pki_detail
