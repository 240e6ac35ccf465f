// Tests of the appeal lifecycle: the full from × to × role matrix, the reasons, and appeal numbers.
#include <catch2/catch.hpp>

#include <cctype>
#include <iterator>
#include <set>
#include <limits>
#include <utility>

#include "domain/appeal.hpp"

using namespace classbook::domain;

namespace {

const AppealStatus all_statuses[] = {AppealStatus::open, AppealStatus::in_progress, AppealStatus::answered,
                                     AppealStatus::closed};
const Role all_roles[] = {Role::student, Role::guardian, Role::teacher, Role::secretary,
                          Role::director, Role::admin,    Role::kiosk};

using S = AppealStatus;
using Move = std::pair<S, S>;

// The lifecycle as the school states it, written out apart from the implementation.
std::set<Move> expected_moves(Role by) {
  switch (by) {
    case Role::secretary:
    case Role::director:
    case Role::admin:
      return {{S::open, S::in_progress}, {S::open, S::answered},      {S::in_progress, S::answered},
              {S::answered, S::in_progress}, {S::open, S::closed}, {S::in_progress, S::closed},
              {S::answered, S::closed}};
    case Role::student:
    case Role::guardian:
    case Role::teacher: return {{S::answered, S::in_progress}};  // the author replies
    case Role::kiosk:
    case Role::api_client: return {};
  }
  return {};
}

bool is_human_sentence(const std::string& s) {
  return s.size() > 15 && std::isupper(static_cast<unsigned char>(s.front())) && s.back() == '.' &&
         s.find('_') == std::string::npos;
}

}  // namespace

TEST_CASE("appeal statuses round-trip through their names") {
  const char* names[] = {"open", "in_progress", "answered", "closed"};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(std::string(to_string(all_statuses[i])) == names[i]);
    CHECK(parse_appeal_status(names[i]) == all_statuses[i]);
  }
  for (const char* bad : {"", "Open", "in progress", "done", "closed "}) {
    INFO(bad);
    CHECK_FALSE(parse_appeal_status(bad));
  }
}

TEST_CASE("support is the office, the director and the administrator") {
  CHECK(handles_appeals(Role::secretary));
  CHECK(handles_appeals(Role::director));
  CHECK(handles_appeals(Role::admin));
  CHECK_FALSE(handles_appeals(Role::teacher));
  CHECK_FALSE(handles_appeals(Role::guardian));
  CHECK_FALSE(handles_appeals(Role::student));
  CHECK_FALSE(handles_appeals(Role::kiosk));
}

TEST_CASE("transition matrix: every from × to × role") {
  const S from = GENERATE(Catch::Generators::from_range(std::begin(all_statuses), std::end(all_statuses)));
  const S to = GENERATE(Catch::Generators::from_range(std::begin(all_statuses), std::end(all_statuses)));
  const Role by = GENERATE(Catch::Generators::from_range(std::begin(all_roles), std::end(all_roles)));
  CAPTURE(to_string(from), to_string(to), to_string(by));

  const bool should_allow = expected_moves(by).count({from, to}) == 1;
  const auto problem = check_transition(from, to, by);
  CHECK(!problem == should_allow);
  if (problem) {
    CAPTURE(*problem);
    CHECK(is_human_sentence(*problem));
  }
}

TEST_CASE("transition matrix size") {
  int allowed = 0;
  for (S from : all_statuses) {
    for (S to : all_statuses) {
      for (Role by : all_roles) allowed += !check_transition(from, to, by);
    }
  }
  CHECK(allowed == 3 * 7 + 3 * 1);
}

TEST_CASE("transition reasons") {
  CHECK(check_transition(S::open, S::in_progress, Role::guardian) ==
        std::string("Only the school office, the director or the administrator can take up an appeal."));
  CHECK(check_transition(S::in_progress, S::answered, Role::teacher) ==
        std::string("Only the school office, the director or the administrator can answer an appeal."));
  CHECK(check_transition(S::open, S::answered, Role::student) ==
        std::string("Only the school office, the director or the administrator can answer an appeal."));
  CHECK(check_transition(S::answered, S::closed, Role::guardian) ==
        std::string("Only the school office, the director or the administrator can close an appeal."));
  CHECK(check_transition(S::closed, S::open, Role::director) ==
        std::string("The appeal is closed; write a new appeal if the question is still open."));
  CHECK(check_transition(S::closed, S::closed, Role::director) ==
        std::string("The appeal is closed; write a new appeal if the question is still open."));
  CHECK(check_transition(S::in_progress, S::in_progress, Role::secretary) ==
        std::string("The appeal is already in progress."));
  CHECK(check_transition(S::answered, S::open, Role::guardian) ==
        std::string("An appeal cannot go from answered back to open; reply to it instead, and support will take "
                    "it up again."));
  CHECK(check_transition(S::in_progress, S::open, Role::secretary) ==
        std::string("An appeal cannot go from in progress back to open; reply to it instead, and support will "
                    "take it up again."));
  CHECK(check_transition(S::answered, S::in_progress, Role::kiosk) ==
        std::string("A kiosk cannot change appeals."));
}

TEST_CASE("appeal numbers: year, dash, six-digit sequence") {
  CHECK(appeal_seq_digits == 6);
  CHECK(appeal_number(2026, 123) == "2026-000123");
  CHECK(appeal_number(2026, 1) == "2026-000001");
  CHECK(appeal_number(2026, 0) == "2026-000000");
  CHECK(appeal_number(2026, 99999) == "2026-099999");
  CHECK(appeal_number(2026, 100000) == "2026-100000");
  CHECK(appeal_number(2026, 999999) == "2026-999999");
  CHECK(appeal_number(2026, 1000000) == "2026-1000000");  // wider, never cut
  CHECK(appeal_number(2027, 42) == "2027-000042");
  CHECK(appeal_number(999, 5) == "0999-000005");
}

TEST_CASE("appeal numbers of nonsense sequences still say what they were given") {
  CHECK(appeal_number(2026, -5) == "2026--000005");
  CHECK(appeal_number(2026, std::numeric_limits<long long>::min()) == "2026--9223372036854775808");
}
