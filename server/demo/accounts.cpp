// accounts: demo passwords, parallel hashing and the pretty-printed accounts file.
#include "demo/accounts.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <system_error>

#include "auth/password.hpp"

namespace classbook::demo {
namespace {

namespace json = boost::json;

// No look-alikes (l/1, o/0) so a password read off a sheet is typed right the first time.
constexpr std::string_view consonants = "bdfghkmnprstvz";
constexpr std::string_view vowels = "aeiu";
constexpr std::string_view digits = "23456789";
constexpr int password_syllables = 3;
constexpr int password_digits = 4;

std::string draw_password(DemoRng& rng) {
  std::string p;
  for (int i = 0; i < password_syllables; ++i) {
    char c = consonants[rng.below(consonants.size())];
    if (i == 0) c = static_cast<char>(c - 'a' + 'A');
    p += c;
    p += vowels[rng.below(vowels.size())];
  }
  for (int i = 0; i < password_digits; ++i) p += digits[rng.below(digits.size())];
  return p;
}

void pretty(std::string& out, const json::value& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
  if (const auto* o = v.if_object()) {
    if (o->empty()) return void(out += "{}");
    out += "{\n";
    bool first = true;
    for (const auto& [key, value] : *o) {
      if (!first) out += ",\n";
      first = false;
      out += inner + json::serialize(json::string(key)) + ": ";
      pretty(out, value, indent + 1);
    }
    out += "\n" + pad + "}";
  } else if (const auto* a = v.if_array()) {
    if (a->empty()) return void(out += "[]");
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (i > 0) out += ",\n";
      out += inner;
      pretty(out, (*a)[i], indent + 1);
    }
    out += "\n" + pad + "]";
  } else {
    out += json::serialize(v);
  }
}

Error file_error(const std::string& what, const std::string& path) {
  return make_error(Errc::unavailable, "demo.cannot_write_file", "cannot " + what + " " + path + ": " + std::strerror(errno) +
                                           "; check that the directory exists and is writable");
}

}  // namespace

std::string demo_password(DemoRng& rng, std::string_view login) {
  for (;;) {
    auto p = draw_password(rng);
    if (!auth::check_password_strength(p, login)) return p;
  }
}

PasswordHasher::PasswordHasher(std::vector<std::string> passwords, int threads)
    : passwords_(std::move(passwords)), hashes_(passwords_.size()) {
  const int n = std::max(1, threads);
  try {
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
  } catch (const std::system_error& e) {
    std::lock_guard lock(mutex_);
    if (threads_.empty()) failure_ = std::string("cannot start a hashing thread: ") + e.what();
  }
}

PasswordHasher::~PasswordHasher() {
  stop_ = true;
  for (auto& t : threads_) t.join();
}

void PasswordHasher::work() {
  for (;;) {
    if (stop_) return;
    const std::size_t i = next_++;
    if (i >= passwords_.size()) return;
    std::string hash;
    std::string failure;
    try {
      hash = auth::hash_password(passwords_[i]);
    } catch (const std::exception& e) {
      failure = std::string("hashing a password failed: ") + e.what() +
                "; free some memory or lower --hash-threads";
    }
    std::lock_guard lock(mutex_);
    hashes_[i] = std::move(hash);
    if (!failure.empty() && failure_.empty()) failure_ = failure;
    ++done_;
    changed_.notify_all();
  }
}

Result<std::vector<std::string>> PasswordHasher::wait(const DemoProgress& progress) {
  const std::size_t total = passwords_.size();
  std::size_t reported = static_cast<std::size_t>(-1);
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!failure_.empty()) {
      stop_ = true;
      return make_error(Errc::unavailable, "demo.cannot_write_file", failure_);
    }
    const std::size_t done = done_;
    if (progress && (reported == static_cast<std::size_t>(-1) || done / progress_step != reported / progress_step ||
                     (done == total && reported != total))) {
      reported = done;
      lock.unlock();
      progress("accounts", done, total);
      lock.lock();
      continue;
    }
    if (done == total) break;
    changed_.wait(lock);
  }
  return std::move(hashes_);
}

Status write_demo_accounts_json(const std::vector<DemoAccount>& accounts, const std::string& path) {
  json::array list;
  for (const auto& a : accounts) {
    json::object o;
    o["login"] = a.login;
    o["password"] = a.password;
    o["role"] = a.role;
    o["name"] = a.name;
    o["person_id"] = a.person_id;
    if (a.role == "student") o["class_name"] = a.class_name;
    if (a.role == "guardian") {
      json::array children;
      for (const auto& c : a.children) children.emplace_back(c);
      o["children"] = std::move(children);
    }
    list.emplace_back(std::move(o));
  }
  std::string text;
  pretty(text, list, 0);
  text += '\n';

  std::string tmp = path + ".XXXXXX";
  const int fd = ::mkstemp(tmp.data());  // created 0600
  if (fd < 0) return file_error("create a temporary file next to", path);
  auto fail = [&](const char* what) {
    Error e = file_error(what, tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  };
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) return fail("set the mode of");
  for (std::size_t at = 0; at < text.size();) {
    const auto n = ::write(fd, text.data() + at, text.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("write");
    at += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("flush");
  if (::close(fd) != 0) {
    Error e = file_error("close", tmp);
    ::unlink(tmp.c_str());
    return e;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = file_error("rename the accounts file to", path);
    ::unlink(tmp.c_str());
    return e;
  }
  return ok_status();
}

}  // namespace classbook::demo
