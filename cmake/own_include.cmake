# own_include: each library hands on only its own folder, never the whole tree. The folder
# build/include/<target>/ holds links named as sources include them ("store/db.hpp",
# "drivers/card/card_id.hpp"), so a header of a module that is not linked cannot be found.
#   classbook_own_include(<target> <include-name> <source-path> [<include-name> <source-path>]...)
function(classbook_own_include target)
  set(root ${CMAKE_BINARY_DIR}/include/${target})
  set(args ${ARGN})
  while(args)
    list(POP_FRONT args name path)
    get_filename_component(parent ${root}/${name} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${path} ${root}/${name} SYMBOLIC)
  endwhile()
  target_include_directories(${target} PUBLIC ${root})
endfunction()
