// ca_constraints: builds the permitted subtrees (DNS names, IP ranges) and checks a new leaf against them.
#include "ca_constraints.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <memory>

#include "classbook/common/host_names.hpp"
#include "classbook/common/pki.hpp"

namespace classbook::pki_detail {
namespace {

struct NcFree {
  void operator()(NAME_CONSTRAINTS* p) const { NAME_CONSTRAINTS_free(p); }
};
struct NameFree {
  void operator()(GENERAL_NAME* p) const { GENERAL_NAME_free(p); }
};
using NcPtr = std::unique_ptr<NAME_CONSTRAINTS, NcFree>;
using NamePtr = std::unique_ptr<GENERAL_NAME, NameFree>;

Error defect(const char* step) {
  ERR_clear_error();
  return make_error(Errc::internal, "certificate.openssl_failed", std::string("certificate: ") + step + " failed in OpenSSL");
}

Error bad_name(const std::string& name) {
  return make_error(Errc::invalid_input, "certificate.host_name_invalid",
                    "\"" + name + "\" cannot be one of the box's names: give a host name without a wildcard "
                    "(e.g. classbook.school57.ru) or an IP address (e.g. 192.168.1.10)",
                    "host");
}

// The address and mask octets of a subtree: "10.0.0.0/8", or a single address ("203.0.113.7").
std::string range_octets(const std::string& range) {
  const auto slash = range.find('/');
  const std::string address = ip_address_octets(range.substr(0, slash));
  if (address.empty()) return {};
  const int bits_total = static_cast<int>(address.size()) * 8;
  int prefix = bits_total;
  if (slash != std::string::npos) prefix = std::stoi(range.substr(slash + 1));
  if (prefix < 0 || prefix > bits_total) return {};
  std::string mask(address.size(), '\0');
  for (int bit = 0; bit < prefix; ++bit) mask[static_cast<std::size_t>(bit / 8)] |= static_cast<char>(0x80 >> (bit % 8));
  return address + mask;
}

Status permit(NAME_CONSTRAINTS* nc, int type, const std::string& value) {
  NamePtr name(GENERAL_NAME_new());
  ASN1_STRING* text = type == GEN_DNS ? ASN1_IA5STRING_new() : ASN1_OCTET_STRING_new();
  if (!name || !text || ASN1_STRING_set(text, value.data(), static_cast<int>(value.size())) != 1) {
    ASN1_STRING_free(text);
    return defect("adding a permitted name");
  }
  GENERAL_NAME_set0_value(name.get(), type, text);
  GENERAL_SUBTREE* subtree = GENERAL_SUBTREE_new();
  if (!subtree) return defect("adding a permitted name");
  GENERAL_NAME_free(subtree->base);
  subtree->base = name.release();
  if (sk_GENERAL_SUBTREE_push(nc->permittedSubtrees, subtree) == 0) {
    GENERAL_SUBTREE_free(subtree);
    return defect("adding a permitted name");
  }
  return ok_status();
}

}  // namespace

Status add_box_name_constraints(X509* ca, const std::vector<std::string>& box_names) {
  NcPtr nc(NAME_CONSTRAINTS_new());
  if (!nc || !(nc->permittedSubtrees = sk_GENERAL_SUBTREE_new_null())) return defect("building the name constraints");
  for (const auto& name : box_names) {
    if (is_ip_address(name)) {
      if (auto s = permit(nc.get(), GEN_IPADD, range_octets(name)); !s) return s;
    } else if (is_dns_name(name) && !name.starts_with("*.")) {
      if (auto s = permit(nc.get(), GEN_DNS, name); !s) return s;
    } else {
      return bad_name(name);
    }
  }
  for (auto suffix : kBoxCaDnsSuffixes)
    if (auto s = permit(nc.get(), GEN_DNS, std::string(suffix)); !s) return s;
  for (auto range : kBoxCaIpRanges) {
    const auto octets = range_octets(std::string(range));
    if (octets.empty()) return defect("reading a built-in address range");
    if (auto s = permit(nc.get(), GEN_IPADD, octets); !s) return s;
  }
  // Critical, as RFC 5280 asks: a client that cannot enforce the constraints must refuse the CA.
  if (X509_add1_ext_i2d(ca, NID_name_constraints, nc.get(), 1, X509V3_ADD_DEFAULT) != 1)
    return defect("adding the name constraints");
  return ok_status();
}

std::string name_constraint_violation(X509* leaf, X509* ca) {
  NcPtr nc(static_cast<NAME_CONSTRAINTS*>(X509_get_ext_d2i(ca, NID_name_constraints, nullptr, nullptr)));
  ERR_clear_error();
  if (!nc) return {};
  // NAME_CONSTRAINTS_check reads the names OpenSSL caches per certificate; X509_check_purpose
  // with -1 fills that cache (verification does it on the way, a bare check does not).
  X509_check_purpose(leaf, -1, 0);
  const int rc = NAME_CONSTRAINTS_check(leaf, nc.get());
  if (rc == X509_V_OK) return {};
  return std::string("a name of this certificate lies outside what the box's CA may vouch for (") +
         X509_verify_cert_error_string(rc) +
         "): use the names the box was initialised with, a name under .local, .lan, .home.arpa or .internal, or a "
         "private address; for a new public name, make a new CA with `classbookctl init --host NAME` and re-enrol "
         "the kiosks";
}

}  // namespace classbook::pki_detail
