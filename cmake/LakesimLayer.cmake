# One layer of lakesim: one top-level folder, one static library. A layer publishes only its own
# folder (through a directory in the build tree that holds a link to it and nothing else), so a
# header of a layer above is not on a lower layer's include path and including it does not compile.
#   lakesim_layer(TARGET FOLDER [SOURCES ...] [DEPENDS lower layers and packages...])
function(lakesim_layer target folder)
  cmake_parse_arguments(LAYER "" "" "SOURCES;DEPENDS" ${ARGN})
  set(published ${PROJECT_BINARY_DIR}/layers/${folder})
  file(MAKE_DIRECTORY ${published})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${published}/${folder} SYMBOLIC)
  add_library(${target} STATIC ${LAYER_SOURCES})
  target_include_directories(${target} PUBLIC ${published})
  target_link_libraries(${target} PUBLIC ${LAYER_DEPENDS} lakesim_build_flags)
endfunction()
