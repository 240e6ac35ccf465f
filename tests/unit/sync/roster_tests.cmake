# Roster in (issue 13, server/sync/roster_*): the planner's conflict rules (pure) and the pull with its
# writer on a real store against an in-memory rostering service. Included from tests/CMakeLists.txt.
set(roster_tests_dir ${CMAKE_CURRENT_LIST_DIR})
classbook_unit_test(unit.sync.roster SOURCES ${roster_tests_dir}/roster_plan_test.cpp
  ${roster_tests_dir}/roster_teaching_test.cpp ${roster_tests_dir}/roster_pull_test.cpp
  LIBS classbook_sync classbook_store classbook_oneroster Boost::json)
