// enrol_client: a one-shot command, so it runs its own io_context to completion; nothing is written
// until the box has answered and the answer checks out.
#include "kiosk/uplink/enrol_client.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "classbook/common/pki.hpp"
#include "classbook/common/private_file.hpp"
#include "kiosk/core/pin_buffer.hpp"
#include "kiosk/core/protocol.hpp"
#include "kiosk/uplink/https_client.hpp"
#include "kiosk/uplink/kiosk_tls.hpp"

namespace classbook::kiosk {
namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

std::string pem_of(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  std::string out;
  if (bio && PEM_write_bio_X509(bio, cert) == 1) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    out.assign(data, static_cast<std::size_t>(n));
  }
  BIO_free(bio);
  return out;
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::invalid_input, "enrol.ca_file_unreadable", "cannot read " + path + "; check the path", "ca");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Error unreachable(const ServerUrl& server, const std::string& why) {
  return make_error(Errc::unavailable, "enrol.box_unreachable", "cannot reach the box at " + server.text + ": " + why +
                                           " — check the address, the network and that classbookd runs");
}

Result<std::string> trusted_ca(const EnrolOptions& o) {
  if (!o.ca_file.empty() && !o.ca_fingerprint.empty())
    return make_error(Errc::invalid_input, "enrol.ca_given_twice", "give either --ca or --ca-fingerprint, not both");
  if (!o.ca_file.empty()) {
    auto pem = read_text_file(o.ca_file);
    if (!pem) return pem.error();
    if (auto fp = certificate_fingerprint_sha256(*pem); !fp)
      return make_error(Errc::invalid_input, "enrol.ca_file_not_pem", o.ca_file + " is not a PEM certificate: " + fp.error().message, "ca");
    return pem;
  }
  if (o.ca_fingerprint.empty())
    return make_error(Errc::invalid_input, "enrol.ca_missing", "the kiosk needs to know the box CA: give --ca FILE or --ca-fingerprint HEX "
                                           "(printed by `classbookctl kiosk enrol`)");
  const auto fp = normalise_fingerprint(o.ca_fingerprint);
  if (fp.empty())
    return make_error(Errc::invalid_input, "enrol.ca_fingerprint_malformed", "--ca-fingerprint must be the 64 hex digits printed as 'box CA fingerprint'",
                      "ca_fingerprint");
  return fetch_ca_by_fingerprint(o.server, fp, o.timeout);
}

Result<std::string> post_enrolment(const EnrolOptions& o, const std::string& ca_pem, const std::string& csr) {
  auto tls = enrol_tls_context(ca_pem);
  if (!tls) return tls.error();
  net::io_context io;
  HttpsClient client(io, **tls, {o.server.host, o.server.port, o.server.host_header(), o.timeout});
  HttpResult result;
  client.request({"POST", path::enrol, enrol_body(o.code, csr), false, false}, [&](HttpResult r) { result = std::move(r); });
  io.run();
  if (!result.reached) return unreachable(o.server, result.error);
  const auto reply = reply_from_http(result.status, result.body);
  if (reply.kind == Reply::Kind::answered) return reply.body;
  if (reply.code == "enrolment_code_invalid" || reply.status == 403)
    return make_error(Errc::forbidden, "enrol.code_refused", reply.message.empty()
                                           ? "the enrolment code is wrong, used or expired; ask the admin for a new one"
                                           : reply.message);
  if (reply.status == 429)
    return make_error(Errc::throttled, "enrol.throttled", "too many wrong codes from this address; wait a minute and try again");
  return make_error(Errc::unavailable, "enrol.refused", "the box refused the enrolment: " + reply.message);
}

Status write_files(const KioskFiles& f, const std::string& key, const std::string& cert, const std::string& ca) {
  // The certificate goes last: its presence is what `run` takes as "enrolled".
  for (const auto& [path, text] : {std::pair{&f.ca, &ca}, {&f.key, &key}, {&f.certificate, &cert}})
    if (auto s = write_private_file(*path, *text); !s) return s;
  return ok_status();
}

}  // namespace

std::string normalise_fingerprint(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ':' || c == ' ' || c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return {};
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out.size() == 64 ? out : std::string();
}

Result<std::string> fetch_ca_by_fingerprint(const ServerUrl& server, const std::string& fingerprint,
                                            std::chrono::milliseconds timeout) {
  // Nothing is trusted on this connection: it only shows us the chain, which we match by hash.
  ssl::context tls(ssl::context::tls_client);
  tls.set_verify_mode(ssl::verify_none);
  net::io_context io;
  beast::ssl_stream<beast::tcp_stream> stream(io, tls);
  if (!is_ip_address(server.host)) SSL_set_tlsext_host_name(stream.native_handle(), server.host.c_str());
  tcp::resolver resolver(io);
  beast::error_code failure;
  std::string step = "resolving " + server.host;
  beast::get_lowest_layer(stream).expires_after(timeout);
  resolver.async_resolve(server.host, std::to_string(server.port), [&](beast::error_code ec, tcp::resolver::results_type r) {
    if (ec) return void(failure = ec);
    step = "connecting to " + server.host_header();
    beast::get_lowest_layer(stream).async_connect(r, [&](beast::error_code ec2, const tcp::endpoint&) {
      if (ec2) return void(failure = ec2);
      step = "TLS with " + server.host_header();
      stream.async_handshake(ssl::stream_base::client, [&](beast::error_code ec3) { failure = ec3; });
    });
  });
  io.run_for(timeout + std::chrono::seconds(1));
  if (failure) return unreachable(server, step + ": " + failure.message());
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(stream.native_handle());
  for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
    X509* cert = sk_X509_value(chain, i);
    const auto pem = pem_of(cert);
    auto fp = certificate_fingerprint_sha256(pem);
    if (fp && *fp == fingerprint) {
      if (X509_check_ca(cert) < 1)
        return make_error(Errc::invalid_input, "enrol.fingerprint_of_server_certificate", "the fingerprint matches the box's own certificate, not its CA; use the "
                                               "'box CA fingerprint' line");
      return pem;
    }
  }
  return make_error(Errc::forbidden, "enrol.ca_fingerprint_mismatch",
                    "the box at " + server.text + " does not show a CA with fingerprint " + fingerprint +
                        ": check the fingerprint (printed by `classbookctl kiosk enrol`) and that this is your box — "
                        "or give the CA file with --ca");
}

Result<EnrolReport> enrol_kiosk(const EnrolOptions& o) {
  if (o.code.empty()) return make_error(Errc::invalid_input, "enrol.code_missing", "--code is required: the one-time code from the admin");
  auto ca = trusted_ca(o);
  if (!ca) return ca.error();
  std::string key;
  auto csr = make_key_and_csr(enrol_csr_name, key);
  if (!csr) return csr.error();
  auto body = post_enrolment(o, *ca, *csr);
  if (!body) return body.error();
  auto answer = read_enrol_answer(*body);
  if (!answer) return answer.error();

  EnrolReport report;
  report.ca_fingerprint = *certificate_fingerprint_sha256(*ca);
  auto their_ca = certificate_fingerprint_sha256(answer->ca);
  if (!their_ca || *their_ca != report.ca_fingerprint)
    return make_error(Errc::unavailable, "enrol.ca_changed", "the box answered with a different CA than the one this kiosk trusts; "
                                         "nothing was written — check that this is your box");
  if (auto s = check_key_matches_certificate(key, answer->certificate); !s) return s.error();
  auto cert_fp = certificate_fingerprint_sha256(answer->certificate);
  if (!cert_fp) return cert_fp.error();

  std::error_code ec;
  std::filesystem::create_directories(o.data_dir, ec);
  if (ec) return make_error(Errc::unavailable, "enrol.cannot_create_data_folder", "cannot create the data folder " + o.data_dir + ": " + ec.message());
  ::chmod(o.data_dir.c_str(), 0700);
  report.files = kiosk_files(o.data_dir);
  report.replaced = std::filesystem::exists(report.files.certificate);
  if (auto s = write_files(report.files, key, answer->certificate, *ca); !s) return s.error();
  wipe_string(key);
  report.kiosk_name = answer->kiosk_name;
  report.mode = answer->mode;
  report.school = answer->school;
  report.certificate_fingerprint = *cert_fp;
  return report;
}

}  // namespace classbook::kiosk
