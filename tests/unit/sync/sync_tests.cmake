# The sync client's unit tests (issue 13, server/sync): back-off, token, item mapping, the journal
# push against the in-memory portal with scripted faults, and the real HTTPS transport against a
# local TLS server. Included from tests/CMakeLists.txt; other tests/unit/sync files are others'.
set(sync_tests_dir ${CMAKE_CURRENT_LIST_DIR})
classbook_unit_test(unit.sync.client SOURCES ${sync_tests_dir}/sync_backoff_test.cpp ${sync_tests_dir}/sync_token_test.cpp
  ${sync_tests_dir}/sync_items_test.cpp ${sync_tests_dir}/sync_push_test.cpp
  LIBS classbook_sync classbook_store Boost::json)
classbook_unit_test(unit.sync.https SOURCES ${sync_tests_dir}/sync_https_test.cpp
  LIBS classbook_sync classbook_asio classbook_common)
# The runner (app::SyncDesk) with a FakeClock over the real push and the fake portal; the portal's
# cursor; the offline outbox file (read back with libzip).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
classbook_unit_test(unit.sync.runner SOURCES ${sync_tests_dir}/sync_runner_test.cpp
  LIBS classbook_sync classbook_app classbook_store Boost::json PkgConfig::LIBZIP)
